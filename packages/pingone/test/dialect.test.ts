import { describe, expect, it } from 'vitest'
import { actionBody, actionMediaType, PINGONE_ACTIONS } from '../src/actions.js'
import { createPingOneDialect, parsePingOneState } from '../src/dialect.js'
import type { PingOneState } from '../src/index.js'
import { isPingOneAction } from '../src/links.js'

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

describe('links that are not actions', () => {
  it('PingOne actions are dotted noun.verb names; signOnPage and self are not', () => {
    for (const action of PINGONE_ACTIONS) expect(isPingOneAction(action), action).toBe(true)
    for (const name of [
      'self',
      'signOnPage',
      'constructor',
      '__proto__',
      'otp.',
      '.check',
      'otp..check',
      'Otp.check',
      'otp check',
    ])
      expect(isPingOneAction(name), name).toBe(false)
    expect(createPingOneDialect({} as never).isAction?.('signOnPage')).toBe(false)
  })

  it('PASSWORD_REQUIRED: the requiredStep link is copied into _links, keeping any top-level one', () => {
    const href = 'https://auth.pingone.com/env/flows/f1'
    const state = parse(200, {
      id: 'f1',
      status: 'PASSWORD_REQUIRED',
      _links: { self: { href } },
      _embedded: {
        requiredStep: {
          _links: {
            'usernamePassword.check': { href },
            signOnPage: { href: 'https://apps.pingone.com/x' },
            'broken.link': { nohref: true },
          },
        },
      },
    })
    expect(Object.keys(state._links).sort()).toEqual(['self', 'usernamePassword.check'])
    const top = parse(200, {
      id: 'f1',
      status: 'PASSWORD_REQUIRED',
      _links: { 'usernamePassword.check': { href: `${href}?top` } },
      _embedded: { requiredStep: { _links: { 'usernamePassword.check': { href } } } },
    })
    expect(top._links['usernamePassword.check']?.href).toBe(`${href}?top`)
  })
})

describe('password.forgot for an unknown user', () => {
  const notFound = (details?: unknown) =>
    response(404, { id: 'e', code: 'NOT_FOUND', message: 'nope', ...(details ? { details } : {}) })
  const later = new Date(Date.now() + 600_000).toISOString()
  const earlier = new Date(Date.now() - 1_000).toISOString()
  const previous = (expiresAt: string) => flow({ status: 'USERNAME_PASSWORD_REQUIRED', expiresAt })

  it('is FLOW_ERROR when the 404 names the username, or the flow is still alive', () => {
    const named = thrown(() =>
      parsePingOneState(notFound([{ code: 'INVALID_VALUE', target: 'username' }]), {
        operation: 'password.forgot',
        session,
        previous: previous(earlier),
      }),
    )
    expect(named).toMatchObject({ code: 'FLOW_ERROR', status: 404, server: { code: 'NOT_FOUND' } })
    const alive = thrown(() =>
      parsePingOneState(notFound(), { operation: 'password.forgot', session, previous: previous(later) }),
    )
    expect(alive.code).toBe('FLOW_ERROR')
  })

  it('is FLOW_EXPIRED when the flow is past its expiresAt, and for any other action', () => {
    expect(
      thrown(() =>
        parsePingOneState(notFound(), { operation: 'password.forgot', session, previous: previous(earlier) }),
      ).code,
    ).toBe('FLOW_EXPIRED')
    expect(thrown(() => parse(404, { code: 'NOT_FOUND', details: [{ target: 'username' }] })).code).toBe(
      'FLOW_EXPIRED',
    )
  })
})

describe('models of the sign-on statuses', () => {
  it.each([
    ['socialProviders', { socialProviders: {} }],
    ['socialProviders', { socialProviders: ['google'] }],
    ['profileData', { profileData: { attributes: [{ required: true }] } }],
    ['profileData', { profileData: [] }],
    ['agreement', { agreement: 'terms' }],
    ['identityProvider', { identityProvider: [] }],
    ['passwordPolicy', { passwordPolicy: 8 }],
    ['deviceAuthorization', { deviceAuthorization: null }],
  ])('a malformed _embedded.%s is INVALID_RESPONSE', (_name, embedded) => {
    expect(
      thrown(() => parse(200, { id: 'f1', status: 'USERNAME_PASSWORD_REQUIRED', _embedded: embedded })).code,
    ).toBe('INVALID_RESPONSE')
  })

  it('well-formed models pass as sent', () => {
    const embedded = {
      socialProviders: [
        { id: 'g', type: 'GOOGLE', name: 'Google', _links: { authenticate: { href: 'https://x' } } },
      ],
      profileData: { promptText: 'p', attributes: [{ name: 'mobilePhone', required: true }] },
      agreement: { id: 'a', text: 't' },
    }
    const state = parse(200, { id: 'f1', status: 'PROFILE_DATA_REQUIRED', _embedded: embedded })
    expect(state._embedded).toEqual(embedded)
  })

  it('EXTERNAL_AUTHENTICATION_REQUIRED is a waiting status, polled by GET', () => {
    const dialect = createPingOneDialect({} as never)
    expect(dialect.pollStep(flow({ status: 'EXTERNAL_AUTHENTICATION_REQUIRED' }))).toEqual({
      kind: 'get',
      intervalMs: 2_000,
    })
    expect(dialect.pollStep(flow({ status: 'PROFILE_DATA_REQUIRED' }))).toBeUndefined()
  })
})
