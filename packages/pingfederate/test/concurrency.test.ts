import { defaultPingFederateConfig, type Emulator } from '@redirectless/emulator'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { emulator, MODES, pfClient } from './helpers.js'

const USERS = Array.from({ length: 200 }, (_, i) => ({
  username: `user${String(i).padStart(3, '0')}`,
  password: `Pw-${i}-${'x'.repeat(i % 7)}&=+#`,
}))

describe.each(MODES)('200 concurrent logins (%s)', (mode) => {
  let emu: Emulator
  beforeAll(async () => {
    emu = await emulator(mode, {
      pingFederate: {
        users: [
          ...defaultPingFederateConfig.users,
          ...USERS.map((u) => ({ ...u, claims: { name: u.username, email: `${u.username}@example.com` } })),
        ],
      },
    })
  })
  afterAll(() => emu.close())

  it('every result is bound to its own user', async () => {
    // One client, many flows: each flow has its own cookie jar, so no flow can pick up another's session.
    const pf = pfClient(emu, mode, { timeout: 60_000 })
    const results = await Promise.all(
      USERS.map(async (user) => {
        const flow = await pf.startFlow({ scope: ['openid', 'email'], loginHint: user.username })
        await flow.submit('checkUsernamePassword', { username: user.username, password: user.password })
        const { claims } = await flow.complete()
        return { user: user.username, sub: claims?.sub, email: claims?.email }
      }),
    )
    for (const r of results) {
      expect(r.sub).toBe(r.user)
      expect(r.email).toBe(`${r.user}@example.com`)
    }
  }, 60_000)
})
