import { describe, expect, it } from 'vitest'
import { actionBody, actionMediaType, PINGONE_ACTIONS } from '../src/actions.js'
import { createPingOneDialect, parsePingOneState } from '../src/dialect.js'
import type { PingOneState } from '../src/index.js'

const response = (status: number, json: unknown) => ({
  status,
  headers: new Headers(),
  url: 'https://auth.pingone.com/env/flows/f1?x=secret',
  text: JSON.stringify(json),
  json,
})
const session = { request: { responseType: 'code' }, extra: {} }
const parse = (status: number, json: unknown, operation = 'otp.check') =>
  parsePingOneState(response(status, json), { operation, session })
const thrown = (run: () => unknown) => {
  try {
    run()
  } catch (error) {
    return error as { code: string; status?: number; server?: unknown }
  }
  throw new Error('expected a throw')
}
const flow = (extra: Record<string, unknown>) =>
  ({
    id: 'f1',
    _links: { self: { href: 'https://auth.pingone.com/env/flows/f1' } },
    ...extra,
  }) as unknown as PingOneState

describe('actions', () => {
  it('selects every action by its media type', () => {
    for (const action of PINGONE_ACTIONS) {
      expect(actionMediaType(action)).toBe(`application/vnd.pingidentity.${action}+json`)
    }
    expect(actionMediaType('password.sendRecoveryCode')).toBe(
      'application/vnd.pingidentity.password.sendRecoveryCode+json',
    )
  })

  it('sends {} for body-less actions and CHANGE_DEVICE for a bare push cancel', () => {
    expect(actionBody('session.reset', undefined)).toBe('{}')
    expect(actionBody('cancel.push.authentication', undefined)).toBe('{"reason":"CHANGE_DEVICE"}')
    expect(actionBody('otp.check', { otp: '1' })).toBe('{"otp":"1"}')
  })

  it('builds the POST and refuses a body that is not an object', () => {
    const dialect = createPingOneDialect({} as never)
    const href = new URL('https://auth.pingone.com/env/flows/f1')
    const state = flow({ status: 'OTP_REQUIRED' })
    expect(dialect.actionRequest(state, 'otp.check', { otp: '1' }, href, session)).toEqual({
      method: 'POST',
      url: href,
      headers: { 'content-type': 'application/vnd.pingidentity.otp.check+json' },
      body: '{"otp":"1"}',
    })
    expect(() => dialect.actionRequest(state, 'otp.check', '123456', href, session)).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
    )
    expect(dialect.pollStep(flow({ status: 'PUSH_CONFIRMATION_REQUIRED' }))).toEqual({
      kind: 'get',
      intervalMs: 1500,
    })
    expect(dialect.pollStep(state)).toBeUndefined()
    expect(dialect.cancelAction(state)).toBeUndefined()
    const push = flow({
      status: 'PUSH_CONFIRMATION_REQUIRED',
      _links: { 'cancel.push.authentication': { href: href.href } },
    })
    expect(dialect.cancelAction(push)).toBe('cancel.push.authentication')
  })
})

describe('parsePingOneState', () => {
  it('keeps the flow object and fills missing _links', () => {
    const state = parse(200, { id: 'f1', status: 'COMPLETED' })
    expect(state._links).toEqual({})
  })

  it('maps the platform envelope: 400 → FLOW_ERROR with id, code, details', () => {
    const error = thrown(() =>
      parse(400, {
        id: 'e1',
        code: 'INVALID_DATA',
        message: 'bad',
        details: [
          { code: 'INVALID_OTP', target: 'otp', message: 'wrong', innerError: { remainingAttempts: 2 } },
        ],
      }),
    )
    expect(error).toMatchObject({
      code: 'FLOW_ERROR',
      status: 400,
      server: {
        id: 'e1',
        code: 'INVALID_DATA',
        details: [{ code: 'INVALID_OTP', target: 'otp', innerError: { remainingAttempts: 2 } }],
      },
    })
  })

  it.each([
    [404, { id: 'e', code: 'NOT_FOUND', message: 'gone' }, 'FLOW_EXPIRED'],
    [400, { id: 'e', code: 'NOT_FOUND', message: 'gone' }, 'FLOW_EXPIRED'],
    [401, { id: 'e', code: 'ACCESS_FAILED', details: [{ code: 'INVALID_TOKEN' }] }, 'FLOW_ERROR'],
    [429, { id: 'e', code: 'REQUEST_LIMITED' }, 'RATE_LIMITED'],
    [500, { id: 'e', code: 'UNEXPECTED_ERROR' }, 'SERVER_ERROR'],
    [400, 'not an object', 'INVALID_RESPONSE'],
  ])('HTTP %i %j → %s', (status, body, code) => {
    expect(thrown(() => parse(status, body)).code).toBe(code)
  })

  it('a 404 on authorize is FLOW_ERROR: no flow existed to expire', () => {
    expect(thrown(() => parse(404, { id: 'e', code: 'NOT_FOUND' }, 'authorize'))).toMatchObject({
      code: 'FLOW_ERROR',
      status: 404,
    })
  })

  it.each([
    ['no id', { status: 'OTP_REQUIRED' }],
    ['an unknown status', flow({ status: 'MFA_COMPLETED' })],
    ['devices without ids', flow({ status: 'OTP_REQUIRED', _embedded: { devices: [{ type: 'SMS' }] } })],
    ['device selection without devices', flow({ status: 'DEVICE_SELECTION_REQUIRED', _embedded: {} })],
    ['an assertion without options', flow({ status: 'ASSERTION_REQUIRED' })],
    ['a link without href', flow({ status: 'OTP_REQUIRED', _links: { 'otp.check': {} } })],
  ])('refuses a flow with %s as INVALID_RESPONSE', (_name, body) => {
    expect(thrown(() => parse(200, body)).code).toBe('INVALID_RESPONSE')
  })
})
