import type { Emulator } from '@redirectless/emulator'
import { afterEach, describe, expect, it } from 'vitest'
import { COOKIELESS_CLIENT, emulator, MODES, PASSWORD, pfClient } from './helpers.js'

describe.each(MODES)('toJSON → JSON.stringify → restoreFlow (%s)', (mode) => {
  let emu: Emulator
  afterEach(() => emu.close())

  it.each([
    ['cookies', {}],
    ['cookieless', { clientId: COOKIELESS_CLIENT, cookieless: true }],
  ] as const)('continues the login in a new client (%s)', async (_name, options) => {
    emu = await emulator(mode)
    const flow = await pfClient(emu, mode, options).startFlow({ scope: ['openid', 'profile'] })
    // e.g. a stateless BFF keeps the flow in its session store between two HTTP requests.
    const stored = JSON.stringify(flow.toJSON())

    const other = pfClient(emu, mode, options)
    const restored = other.restoreFlow(JSON.parse(stored))
    expect(restored.state).toEqual(flow.state)
    expect(Object.isFrozen(restored.state)).toBe(true)
    await restored.submit('checkUsernamePassword', { username: 'joe', password: PASSWORD })
    const { claims } = await other.restoreFlow(JSON.parse(JSON.stringify(restored.toJSON()))).complete()
    expect(claims?.sub).toBe('joe')
    expect(claims?.name).toBe('Joe Smith')
  })

  it('refuses what is not a saved PingFederate flow', async () => {
    emu = await emulator(mode)
    const pf = pfClient(emu, mode)
    for (const bad of [null, 42, {}, { format: 'redirectless.flow/1', product: 'pingone' }]) {
      expect(() => pf.restoreFlow(bad)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }))
    }
  })
})
