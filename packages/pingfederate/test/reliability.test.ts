import type { Emulator } from '@redirectless/emulator'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { PingFederateFlow } from '../src/index.js'
import { emulator, MODES, type Mode, PASSWORD, pfClient, recordingFetch } from './helpers.js'

describe.each(MODES)('when things go wrong (%s)', (mode: Mode) => {
  let emu: Emulator
  let rec: ReturnType<typeof recordingFetch>
  let flow: PingFederateFlow
  const start = async (options: Parameters<typeof pfClient>[2] = {}) => {
    const pf = pfClient(emu, mode, { fetch: rec.fetch, retry: { limit: 2, backoffLimit: 20 }, ...options })
    flow = await pf.startFlow({ scope: 'openid' })
    return pf
  }
  const sentSince = (n: number) => rec.seen.slice(n)

  beforeEach(async () => {
    emu = await emulator(mode)
    rec = recordingFetch(emu, mode)
  })
  afterEach(() => emu.close())

  it('an expired flow is FLOW_EXPIRED', async () => {
    await start()
    emu.clock.advance(31 * 60 * 1000)
    await expect(flow.refresh()).rejects.toMatchObject({ code: 'FLOW_EXPIRED', status: 404 })
    await expect(
      flow.submit('checkUsernamePassword', { username: 'joe', password: PASSWORD }),
    ).rejects.toMatchObject({
      code: 'FLOW_EXPIRED',
      server: { code: 'RESOURCE_NOT_FOUND' },
    })
  })

  it('FLOW_NOT_FOUND is FLOW_EXPIRED too', async () => {
    await emu.close()
    emu = await emulator(mode, { pingFederate: { flowNotFoundCode: 'FLOW_NOT_FOUND' } })
    rec = recordingFetch(emu, mode)
    await start()
    emu.clock.advance(31 * 60 * 1000)
    await expect(flow.refresh()).rejects.toMatchObject({
      code: 'FLOW_EXPIRED',
      server: { code: 'FLOW_NOT_FOUND' },
    })
  })

  it('an action the state does not offer is ACTION_NOT_AVAILABLE and sends nothing', async () => {
    await start()
    const before = rec.seen.length
    await expect(flow.submit('cancelAuthentication')).rejects.toMatchObject({ code: 'ACTION_NOT_AVAILABLE' })
    await expect(flow.submit('self' as 'cancel')).rejects.toMatchObject({ code: 'ACTION_NOT_AVAILABLE' })
    expect(sentSince(before)).toEqual([])
  })

  it('answering a state that is no longer current is STALE_STATE and sends nothing', async () => {
    await start()
    const first = flow.state
    await flow.submit('checkUsernamePassword', { username: 'carl', password: PASSWORD }, { state: first })
    expect(flow.state.status).toBe('MUST_CHANGE_PASSWORD')
    const before = rec.seen.length
    await expect(
      flow.submit('checkUsernamePassword', { username: 'carl', password: PASSWORD }, { state: first }),
    ).rejects.toMatchObject({ code: 'STALE_STATE' })
    expect(sentSince(before)).toEqual([])
  })

  it('a second call while one is under way is STALE_STATE', async () => {
    await start()
    const a = flow.submit('checkUsernamePassword', { username: 'joe', password: PASSWORD })
    await expect(flow.refresh()).rejects.toMatchObject({ code: 'STALE_STATE' })
    await a
    expect(flow.state.status).toBe('COMPLETED')
  })

  it('a link to a foreign origin is UNTRUSTED_LINK and nothing goes there', async () => {
    emu.faults.add({ fault: { kind: 'foreign-link' }, product: 'pingfederate', route: 'authorize', times: 1 })
    await start()
    expect(flow.state._links?.checkUsernamePassword?.href).toMatch(/^https:\/\/attacker\.example\//)
    await expect(
      flow.submit('checkUsernamePassword', { username: 'joe', password: PASSWORD }),
    ).rejects.toMatchObject({
      code: 'UNTRUSTED_LINK',
    })
    await expect(flow.refresh()).rejects.toMatchObject({ code: 'UNTRUSTED_LINK' })
    expect(rec.seen.filter((r) => r.url.startsWith('https://attacker.example'))).toEqual([])
  })

  it('a redirect is UNEXPECTED_REDIRECT, at authorize and on the flow', async () => {
    emu.faults.add({ fault: { kind: 'redirect' }, product: 'pingfederate', route: 'authorize', times: 1 })
    await expect(start({ retry: false })).rejects.toMatchObject({ code: 'UNEXPECTED_REDIRECT' })
    await start()
    emu.faults.add({
      fault: { kind: 'redirect', status: 303 },
      product: 'pingfederate',
      route: 'flow',
      times: 1,
    })
    await expect(
      flow.submit('checkUsernamePassword', { username: 'joe', password: PASSWORD }),
    ).rejects.toMatchObject({
      code: 'UNEXPECTED_REDIRECT',
    })
    expect(rec.seen.filter((r) => r.url.startsWith('https://attacker.example'))).toEqual([])
  })

  it.each([
    ['malformed', { kind: 'malformed' }],
    ['truncated', { kind: 'truncate' }],
    ['unknown status', { kind: 'unknown-status' }],
    ['no status', { kind: 'missing-fields' }],
  ] as const)('a %s body is INVALID_RESPONSE', async (_name, fault) => {
    await start()
    emu.faults.add({ fault, product: 'pingfederate', route: 'flow', times: 1 })
    const before = flow.state
    await expect(
      flow.submit('checkUsernamePassword', { username: 'joe', password: PASSWORD }),
    ).rejects.toMatchObject({
      code: 'INVALID_RESPONSE',
    })
    expect(flow.state).toBe(before)
  })

  it('an HTML error page from a proxy is SERVER_ERROR', async () => {
    await start()
    emu.faults.add({ fault: { kind: 'html' }, product: 'pingfederate', route: 'flow', times: 1 })
    await expect(
      flow.submit('checkUsernamePassword', { username: 'joe', password: PASSWORD }),
    ).rejects.toMatchObject({
      code: 'SERVER_ERROR',
      status: 502,
    })
  })

  it('a dropped connection is NETWORK_ERROR', async () => {
    await start()
    emu.faults.add({
      fault: { kind: 'reset' },
      product: 'pingfederate',
      route: 'flow',
      method: 'POST',
      times: 1,
    })
    await expect(
      flow.submit('checkUsernamePassword', { username: 'joe', password: PASSWORD }),
    ).rejects.toMatchObject({
      code: 'NETWORK_ERROR',
    })
  })

  it('latency past the timeout is TIMEOUT (client option and per call)', async () => {
    await start({ timeout: 150 })
    emu.faults.add({
      fault: { kind: 'latency', ms: 1_000 },
      product: 'pingfederate',
      route: 'flow',
      times: 2,
    })
    await expect(
      flow.submit('checkUsernamePassword', { username: 'joe', password: PASSWORD }),
    ).rejects.toMatchObject({
      code: 'TIMEOUT',
    })
    await expect(flow.refresh({ timeout: 100 })).rejects.toMatchObject({ code: 'TIMEOUT' })
  })

  it('an abort is ABORTED, before or during the call', async () => {
    await start()
    await expect(flow.refresh({ signal: AbortSignal.abort() })).rejects.toMatchObject({ code: 'ABORTED' })
    emu.faults.add({
      fault: { kind: 'latency', ms: 1_000 },
      product: 'pingfederate',
      route: 'flow',
      times: 1,
    })
    const controller = new AbortController()
    setTimeout(() => controller.abort(), 50)
    await expect(
      flow.submit(
        'checkUsernamePassword',
        { username: 'joe', password: PASSWORD },
        { signal: controller.signal },
      ),
    ).rejects.toMatchObject({ code: 'ABORTED' })
    // A signal whose reason is a timeout reports TIMEOUT.
    const timedOut = AbortSignal.timeout(1)
    await new Promise((r) => setTimeout(r, 10))
    await expect(flow.refresh({ signal: timedOut })).rejects.toMatchObject({ code: 'TIMEOUT' })
  })

  it('a POST is never retried on 503; a GET is', async () => {
    await start()
    emu.faults.add({
      fault: { kind: 'status', status: 503 },
      product: 'pingfederate',
      route: 'flow',
      method: 'POST',
      times: 1,
    })
    let before = rec.seen.length
    await expect(
      flow.submit('checkUsernamePassword', { username: 'joe', password: PASSWORD }),
    ).rejects.toMatchObject({
      code: 'SERVER_ERROR',
      status: 503,
      retryable: true,
    })
    expect(sentSince(before).map((r) => r.method)).toEqual(['POST'])

    emu.faults.add({
      fault: { kind: 'status', status: 503 },
      product: 'pingfederate',
      route: 'flow',
      method: 'GET',
      times: 1,
    })
    before = rec.seen.length
    await flow.refresh()
    expect(sentSince(before).map((r) => r.method)).toEqual(['GET', 'GET'])

    // The flow is still usable after the refused POST.
    await flow.submit('checkUsernamePassword', { username: 'joe', password: PASSWORD })
    expect(flow.state.status).toBe('COMPLETED')
  })

  it('a start is never retried, GET or POST: an authorize starts a flow (invariant 9)', async () => {
    for (const method of ['GET', 'POST'] as const) {
      emu.faults.add({
        fault: { kind: 'status', status: 503 },
        product: 'pingfederate',
        route: 'authorize',
        times: 1,
      })
      const before = rec.seen.length
      await expect(
        pfClient(emu, mode, { fetch: rec.fetch }).startFlow({ scope: 'openid', method }),
      ).rejects.toMatchObject({
        code: 'SERVER_ERROR',
      })
      expect(sentSince(before).length).toBe(1)
    }
  })
})

describe('behind a TLS-terminating proxy (in-process, https base URL)', () => {
  it('http: links on the configured host are upgraded to https', async () => {
    const emu = await emulator('in-process')
    const rec = recordingFetch(emu, 'in-process')
    emu.faults.add({ fault: { kind: 'http-links' }, product: 'pingfederate', route: 'authorize', times: 1 })
    const flow = await pfClient(emu, 'in-process', { fetch: rec.fetch }).startFlow({ scope: 'openid' })
    expect(flow.state._links?.self?.href).toMatch(/^http:/)
    await flow.submit('checkUsernamePassword', { username: 'joe', password: PASSWORD })
    expect(flow.state.status).toBe('COMPLETED')
    expect(rec.seen.every((r) => r.url.startsWith('https://'))).toBe(true)
  })
})
