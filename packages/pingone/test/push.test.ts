import { describe, expect, it } from 'vitest'
import { isRedirectlessError, type PingOneFlow } from '../src/index.js'
import { MODES, rejection, useEmulator } from './support/emulator.js'

describe.each(MODES)('push (MOBILE) against the emulator (%s)', (mode) => {
  const h = useEmulator(mode)

  /** ann's flow, with the push to her phone started. */
  async function pushFlow(recorder?: (request: Request) => void): Promise<PingOneFlow> {
    const fetch = recorder
      ? async (input: RequestInfo | URL, init?: RequestInit) => {
          recorder(new Request(input, init))
          return (mode === 'http' ? globalThis.fetch : h.emu.fetch)(input, init)
        }
      : undefined
    const flow = await h.client(fetch ? { fetch } : {}).startFlow({
      scope: 'openid',
      acrValues: 'MFA-Only',
      loginHintToken: await h.loginHintToken('ann'),
    })
    if (flow.state.status !== 'DEVICE_SELECTION_REQUIRED') throw new Error(flow.state.status)
    const mobile = flow.state._embedded.devices.find((d) => d.type === 'MOBILE')
    const next = await flow.submit('device.select', { device: { id: mobile?.id ?? '' } })
    expect(next.status).toBe('PUSH_CONFIRMATION_REQUIRED')
    return flow
  }

  it('polls until the push is approved, then completes', async () => {
    const flow = await pushFlow()
    expect(flow.can('cancel.push.authentication')).toBe(true)
    const approve = setTimeout(() => h.emu.push.approve('ann'), 200)
    try {
      const state = await flow.poll({ deadline: 10_000, interval: 50 })
      expect(state.status).toBe('COMPLETED')
    } finally {
      clearTimeout(approve)
    }
    expect((await flow.complete()).claims?.sub).toBe(h.userId('ann'))
  })

  it('a denied push ends the poll with the status the server reports (FAILED by default)', async () => {
    const flow = await pushFlow()
    expect(h.emu.push.deny('ann')).toBe(true)
    const state = await flow.poll({ deadline: 10_000, interval: 50 })
    expect(state.status).toBe('FAILED')
    expect(isRedirectlessError(await rejection(flow.complete()), 'FLOW_FAILED')).toBe(true)
  })

  it('a push left unanswered times out (push controller), and device.select retries it', async () => {
    const flow = await pushFlow()
    expect(h.emu.push.timeout('ann')).toBe(true)
    const state = await flow.poll({ deadline: 10_000, interval: 50 })
    expect(state.status).toBe('PUSH_CONFIRMATION_TIMED_OUT')
    if (state.status !== 'PUSH_CONFIRMATION_TIMED_OUT') return
    const retry = await flow.submit('device.select', { device: { id: state.selectedDevice?.id ?? '' } })
    expect(retry.status).toBe('PUSH_CONFIRMATION_REQUIRED')
    h.emu.push.approve('ann')
    expect((await flow.poll({ deadline: 10_000, interval: 50 })).status).toBe('COMPLETED')
  })

  it('a push times out when the emulator clock passes its deadline', async () => {
    const flow = await pushFlow()
    h.emu.clock.advance(10 * 60_000)
    expect((await flow.poll({ deadline: 10_000, interval: 50 })).status).toBe('PUSH_CONFIRMATION_TIMED_OUT')
  })

  it('the poll stops on abort (ABORTED) and at its deadline (TIMEOUT)', async () => {
    const flow = await pushFlow()
    const aborted = await rejection(flow.poll({ signal: AbortSignal.timeout(50), deadline: 10_000 }))
    expect(isRedirectlessError(aborted) && ['ABORTED', 'TIMEOUT'].includes(aborted.code)).toBe(true)
    const controller = new AbortController()
    const polling = rejection(flow.poll({ signal: controller.signal, deadline: 10_000 }))
    controller.abort()
    expect(isRedirectlessError(await polling, 'ABORTED')).toBe(true)
    const late = await rejection(flow.poll({ deadline: 1_000 }))
    expect(isRedirectlessError(late, 'TIMEOUT')).toBe(true)
    expect(flow.state.status).toBe('PUSH_CONFIRMATION_REQUIRED')
    h.emu.push.deny('ann')
  })

  it('cancel.push.authentication sends CHANGE_DEVICE by default and goes back to device selection', async () => {
    const bodies: Promise<string>[] = []
    const types: string[] = []
    const flow = await pushFlow((request) => {
      if (request.method === 'POST' && request.url.includes('/flows/')) {
        types.push(request.headers.get('content-type') ?? '')
        bodies.push(request.clone().text())
      }
    })
    const next = await flow.submit('cancel.push.authentication')
    expect(next.status).toBe('DEVICE_SELECTION_REQUIRED')
    expect(types).toEqual([
      'application/vnd.pingidentity.device.select+json',
      'application/vnd.pingidentity.cancel.push.authentication+json',
    ])
    expect(JSON.parse((await bodies[1]) ?? '')).toEqual({ reason: 'CHANGE_DEVICE' })
  })

  it('flow.cancel() stops a running poll, posts the cancel action and refuses further calls', async () => {
    const flow = await pushFlow()
    // Handled at once: the poll rejects while cancel() is still under way.
    const polling = rejection(flow.poll({ deadline: 10_000, interval: 50 }))
    await new Promise((resolve) => setTimeout(resolve, 50))
    const canceled = await flow.cancel()
    expect(canceled.status).toBe('DEVICE_SELECTION_REQUIRED')
    expect(isRedirectlessError(await polling, 'ABORTED')).toBe(true)
    expect(isRedirectlessError(await rejection(flow.refresh()), 'FLOW_CANCELED')).toBe(true)
    expect(h.emu.push.pending()).not.toContain('ann')
  })
})
