import type { Emulator, EmulatorOptions } from '@redirectless/emulator'
import { afterEach, describe, expect, it } from 'vitest'
import { emulator, MODES, PASSWORD, pfClient, recordingFetch } from './helpers.js'

const push = (outcome: 'approve' | 'reject' | 'timeout' | 'never'): EmulatorOptions => ({
  pingFederate: { mfa: { type: 'push', approveAfterPolls: 1, outcome } },
})

describe.each(MODES)('push MFA (%s)', (mode) => {
  let emu: Emulator | undefined
  afterEach(() => emu?.close())

  const toPush = async (outcome: Parameters<typeof push>[0]) => {
    emu = await emulator(mode, push(outcome))
    const rec = recordingFetch(emu, mode)
    const flow = await pfClient(emu, mode, { fetch: rec.fetch }).startFlow({ scope: 'openid' })
    await flow.submit('checkUsernamePassword', { username: 'joe', password: PASSWORD })
    expect(flow.state.status).toBe('PUSH_CONFIRMATION_WAITING')
    return { flow, rec }
  }

  it('approved: poll() waits by GET, then continueAuthentication and tokens', async () => {
    const { flow, rec } = await toPush('approve')
    if (flow.state.status === 'PUSH_CONFIRMATION_WAITING') {
      expect(flow.state.devices?.[0]?.pushEnabled).toBe(true)
    }
    const before = rec.seen.length
    const started = Date.now()
    const state = await flow.poll({ deadline: 10_000 })
    expect(state.status).toBe('MFA_COMPLETED')
    // The widget's pace for push is a GET every second (contract §6.8).
    expect(Date.now() - started).toBeGreaterThanOrEqual(900)
    expect(rec.seen.slice(before).every((r) => r.method === 'GET')).toBe(true)
    await flow.submit('continueAuthentication')
    expect((await flow.complete()).claims?.sub).toBe('joe')
  })

  it('rejected: cancel() posts cancelAuthentication and the flow is over', async () => {
    const { flow, rec } = await toPush('reject')
    expect((await flow.poll()).status).toBe('PUSH_CONFIRMATION_REJECTED')
    const before = rec.seen.length
    const last = await flow.cancel()
    expect(rec.seen.slice(before).map((r) => r.headers.get('content-type'))).toEqual([
      'application/vnd.pingidentity.cancelAuthentication+json',
    ])
    expect(rec.seen.at(-1)?.body).toBeUndefined()
    expect(last.status).toBe('FAILED')
    await expect(flow.complete()).rejects.toMatchObject({ code: 'FLOW_CANCELED' })
  })

  it('a FAILED flow completes with FLOW_FAILED and the server code', async () => {
    const { flow } = await toPush('reject')
    await flow.poll()
    await flow.submit('cancelAuthentication')
    expect(flow.state.status).toBe('FAILED')
    await expect(flow.complete()).rejects.toMatchObject({
      code: 'FLOW_FAILED',
      server: { code: 'access_denied' },
    })
  })

  it('nobody answers: poll() stops at its deadline with TIMEOUT, and on abort with ABORTED', async () => {
    const { flow } = await toPush('never')
    await expect(flow.poll({ deadline: 1_500 })).rejects.toMatchObject({ code: 'TIMEOUT' })
    expect(flow.state.status).toBe('PUSH_CONFIRMATION_WAITING')
    const controller = new AbortController()
    setTimeout(() => controller.abort(), 100)
    await expect(flow.poll({ signal: controller.signal })).rejects.toMatchObject({ code: 'ABORTED' })
    // The flow is still usable: choose the device again, or give up.
    await flow.cancel()
    expect(flow.state.status).toBe('FAILED')
  })
})
