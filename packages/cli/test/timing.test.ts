import { describe, expect, it } from 'vitest'
import { type HttpExchange, labelRequest } from '../src/timing/exchange.js'
import { timingRows } from '../src/timing/rows.js'
import { timedFetch } from '../src/timing/timed-fetch.js'

const x = (party: HttpExchange['party'], label: string, status: string, ms = 1): HttpExchange => ({
  party,
  label,
  status,
  method: 'GET',
  path: '/',
  httpStatus: 200,
  ms,
})

describe('labelRequest', () => {
  const pf = (path: string) => new URL(`https://sso.example.com${path}`)
  it.each([
    ['GET', pf('/as/authorization.oauth2?client_id=x'), null, 'authorize'],
    [
      'POST',
      pf('/pf-ws/authn/flows/abc12'),
      'application/vnd.pingidentity.checkUsernamePassword+json',
      'checkUsernamePassword',
    ],
    ['POST', pf('/pf-ws/authn/flows/abc12?action=submitIdentifier'), 'application/json', 'submitIdentifier'],
    ['GET', pf('/pf-ws/authn/flows/abc12'), null, 'poll'],
    ['POST', pf('/as/token.oauth2'), 'application/x-www-form-urlencoded', 'token'],
    ['GET', pf('/env/as/resume'), null, 'resume'],
    ['GET', pf('/env/as/jwks'), null, 'jwks'],
    [
      'POST',
      pf('/env/flows/uuid'),
      'application/vnd.pingidentity.otp.check+json; charset=UTF-8',
      'otp.check',
    ],
  ])('%s %s → %s', (method, url, type, label) => {
    expect(labelRequest('pingFederate', method, url, type)).toBe(label)
  })
})

describe('timingRows', () => {
  it('makes one step of a stage’s completion, one of consecutive polls, and one of every other request', () => {
    const rows = timingRows([
      x('pingOne', 'authorize', '—', 2),
      x('pingOne', 'device.select', 'DEVICE_SELECTION_REQUIRED'),
      x('pingOne', 'poll', 'PUSH_CONFIRMATION_REQUIRED', 1),
      x('pingOne', 'poll', 'PUSH_CONFIRMATION_REQUIRED', 2),
      x('pingOne', 'resume', 'COMPLETED'),
      x('pingOne', 'discovery', 'COMPLETED'),
      x('pingOne', 'token', 'COMPLETED', 3),
    ])
    expect(rows.map((r) => [r.status, r.action, r.requests, r.ms])).toEqual([
      ['—', 'authorize', 1, 2],
      ['DEVICE_SELECTION_REQUIRED', 'device.select', 1, 1],
      ['PUSH_CONFIRMATION_REQUIRED', 'poll ×2', 2, 3],
      ['COMPLETED', 'resume + discovery + token', 3, 5],
    ])
  })
})

describe('timedFetch', () => {
  it('records path, label, the status answered and the time, never the query; other origins pass untouched', async () => {
    const log = { exchanges: [] as HttpExchange[] }
    let clock = 0
    const inner = async (input: RequestInfo | URL) => {
      clock += 5
      const url = String(input instanceof Request ? input.url : input)
      const body = url.includes('authorization')
        ? { status: 'USERNAME_PASSWORD_REQUIRED' }
        : { status: 'COMPLETED' }
      return new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } })
    }
    const fetch = timedFetch(
      inner,
      new Map([['https://sso.example.com', 'pingFederate' as const]]),
      log,
      () => clock,
    )
    await fetch('https://sso.example.com/as/authorization.oauth2?code_challenge=secret-ish')
    const answer = await fetch(
      new Request('https://sso.example.com/pf-ws/authn/flows/f1', {
        method: 'POST',
        headers: { 'content-type': 'application/vnd.pingidentity.checkUsernamePassword+json' },
        body: '{}',
      }),
    )
    await fetch('https://elsewhere.example.com/x')
    expect(await answer.json()).toEqual({ status: 'COMPLETED' }) // the caller still reads the whole body
    expect(log.exchanges).toEqual([
      {
        party: 'pingFederate',
        label: 'authorize',
        status: '—',
        method: 'GET',
        path: '/as/authorization.oauth2',
        httpStatus: 200,
        ms: 5,
      },
      {
        party: 'pingFederate',
        label: 'checkUsernamePassword',
        status: 'USERNAME_PASSWORD_REQUIRED',
        method: 'POST',
        path: '/pf-ws/authn/flows/f1',
        httpStatus: 200,
        ms: 5,
      },
    ])
  })
})
