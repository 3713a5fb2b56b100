import type { CallContext, FlowSession, HttpResponse, ParseContext } from '@redirectless/core'
import { describe, expect, it } from 'vitest'
import {
  buildActionRequest,
  buildRefreshRequest,
  CANCEL_ACTIONS,
  COOKIELESS_STATE_KEY,
  cancelActionFor,
  flowHeaderHook,
  type PingFederateDialectOptions,
  parsePingFederateResponse,
  pollStepFor,
} from '../src/dialect.js'
import type { PingFederateState } from '../src/index.js'
import { PING_FEDERATE_STATUSES } from '../src/index.js'

const options: PingFederateDialectOptions = {
  xsrfHeaderValue: 'PingFederate',
  useActionParam: false,
  stateHeaderName: undefined,
  complete: () => Promise.reject(new Error('not here')),
}
const cookieless = { ...options, stateHeaderName: 'X-PF-Authn-API-State' }
const href = new URL('https://sso.example.com/pf-ws/authn/flows/Ab1C2')
const session = (extra: Record<string, string> = {}): FlowSession => ({
  request: { responseType: 'code' },
  extra,
})

function response(status: number, body: unknown): HttpResponse {
  const text = typeof body === 'string' ? body : JSON.stringify(body)
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    json = undefined
  }
  return { status, headers: new Headers(), url: href.href, text, json }
}
const ctx = (s: FlowSession = session()): ParseContext => ({ operation: 'checkUsernamePassword', session: s })
const links = (...actions: string[]) =>
  Object.fromEntries(['self', ...actions].map((a) => [a, { href: href.href }]))

describe('action requests', () => {
  it('vendor media type and JSON body', () => {
    const request = buildActionRequest(
      options,
      'USERNAME_PASSWORD_REQUIRED',
      'checkUsernamePassword',
      { username: 'joe', password: 'p' },
      href,
    )
    expect(request).toEqual({
      method: 'POST',
      url: href,
      headers: { 'content-type': 'application/vnd.pingidentity.checkUsernamePassword+json' },
      body: '{"username":"joe","password":"p"}',
    })
  })

  it('useActionParam: ?action= and application/json, the link otherwise untouched', () => {
    const request = buildActionRequest(
      { ...options, useActionParam: true },
      'X',
      'checkOtp',
      { otp: '1' },
      new URL(`${href.href}?a=b`),
    )
    const url = new URL(request.url)
    expect(url.searchParams.get('action')).toBe('checkOtp')
    expect(url.searchParams.get('a')).toBe('b')
    expect(request.headers?.['content-type']).toBe('application/json')
  })

  it('bodiless actions send no body; empty-model actions send {}', () => {
    expect(
      buildActionRequest(options, 'MFA_COMPLETED', 'continueAuthentication', undefined, href).body,
    ).toBeUndefined()
    expect(buildActionRequest(options, 'X', 'cancelAuthentication', undefined, href).body).toBeUndefined()
    expect(buildActionRequest(options, 'LINK_INITIATED', 'poll', undefined, href).body).toBe('{}')
    expect(
      buildActionRequest(options, 'EMAIL_VERIFICATION_REQUIRED', 'poll', undefined, href).body,
    ).toBeUndefined()
    expect(buildActionRequest(options, 'AUTHENTICATION_REQUIRED', 'authenticate', undefined, href).body).toBe(
      '{}',
    )
    expect(buildActionRequest(options, 'LINK_COMPLETED', 'continue', undefined, href).body).toBe('{}')
    expect(
      buildActionRequest(options, 'SECURID_SYSTEM_PIN_RESET_REQUIRED', 'continue', undefined, href).body,
    ).toBeUndefined()
    expect(
      buildActionRequest(options, 'DEVICE_PROFILE_REQUIRED', 'continueAuthentication', undefined, href).body,
    ).toBe('{}')
    // The action still travels in the content type, body or not.
    expect(buildActionRequest(options, 'X', 'cancel', undefined, href).headers?.['content-type']).toBe(
      'application/vnd.pingidentity.cancel+json',
    )
  })

  it('refuses action ids that are not verbNoun, and bodies that are not JSON', () => {
    for (const bad of ['', 'a b', 'x+json', 'a/b', '1abc']) {
      expect(() => buildActionRequest(options, 'X', bad, undefined, href)).toThrow(
        expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
      )
    }
    expect(() => buildActionRequest(options, 'X', 'checkOtp', { otp: 1n }, href)).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
    )
  })

  it('re-reads the flow with a plain GET of its link', () => {
    expect(buildRefreshRequest(href)).toEqual({ method: 'GET', url: href })
  })
})

describe('flow header hook', () => {
  const headersAfter = (hookOptions: PingFederateDialectOptions, context: CallContext) => {
    const request = new Request(href, { headers: { accept: 'application/json' } })
    flowHeaderHook(hookOptions)(request, context)
    return Object.fromEntries(request.headers)
  }

  it('adds the XSRF header to every flow call, and nothing to other calls', () => {
    expect(headersAfter(options, { flow: session() })).toEqual({
      accept: 'application/json',
      'x-xsrf-header': 'PingFederate',
    })
    expect(headersAfter(options, {})).toEqual({ accept: 'application/json' })
  })

  it('cookieless: the latest state goes in the configured header', () => {
    const s = session({ [COOKIELESS_STATE_KEY]: 'opaque-1' })
    expect(headersAfter(cookieless, { flow: s })).toEqual({
      accept: 'application/json',
      'x-xsrf-header': 'PingFederate',
      'x-pf-authn-api-state': 'opaque-1',
    })
    // Not in cookieless mode: never sent, even if a value is around.
    expect(headersAfter(options, { flow: s })).not.toHaveProperty('x-pf-authn-api-state')
  })
})

describe('parsing answers', () => {
  it('a state with a known status', () => {
    const body = {
      id: 'Ab1C2',
      status: 'USERNAME_PASSWORD_REQUIRED',
      showCaptcha: false,
      _links: links('checkUsernamePassword'),
    }
    expect(parsePingFederateResponse(options, response(200, body), ctx())).toEqual({ state: body })
  })

  it.each([
    ['RESOURCE_NOT_FOUND', 404, 'FLOW_EXPIRED'],
    ['FLOW_NOT_FOUND', 404, 'FLOW_EXPIRED'],
    ['RESOURCE_NOT_FOUND', 400, 'FLOW_EXPIRED'],
    ['FLOW_NOT_FOUND', 410, 'FLOW_EXPIRED'],
    ['VALIDATION_ERROR', 400, 'FLOW_ERROR'],
    ['INVALID_ACTION_ID', 400, 'FLOW_ERROR'],
    ['UNEXPECTED_ERROR', 500, 'SERVER_ERROR'],
  ])('error envelope %s (HTTP %i) → %s, server details kept', (code, status, expected) => {
    const body = {
      code,
      message: 'm',
      details: [{ code: 'INVALID_OTP', attemptsRemaining: 2, userMessage: 'u' }],
    }
    let error: unknown
    try {
      parsePingFederateResponse(options, response(status, body), ctx())
    } catch (e) {
      error = e
    }
    expect(error).toMatchObject({
      code: expected,
      status,
      server: { code, details: [{ code: 'INVALID_OTP', attemptsRemaining: 2 }] },
    })
  })

  it.each([
    ['an unknown status', { status: 'QUANTUM_ENTANGLEMENT_REQUIRED' }],
    ['no status', { id: 'x' }],
    ['an array', [1]],
    ['a link without href', { status: 'COMPLETED', _links: { self: {} } }],
    ['RESUME without resumeUrl', { status: 'RESUME' }],
    ['not JSON', '{"status": "COMPLETED"'],
    ['nothing', ''],
  ])('%s is INVALID_RESPONSE', (_name, body) => {
    expect(() => parsePingFederateResponse(options, response(200, body), ctx())).toThrow(
      expect.objectContaining({ code: 'INVALID_RESPONSE' }),
    )
  })

  it('cookieless: keeps the state from a success, out of the snapshot, in a new session', () => {
    const s = session({ [COOKIELESS_STATE_KEY]: 'old' })
    const out = parsePingFederateResponse(
      cookieless,
      response(200, {
        status: 'MFA_COMPLETED',
        _pf_authn_api_state: 'new',
        _links: links('continueAuthentication'),
      }),
      ctx(s),
    )
    expect(out.state).not.toHaveProperty('_pf_authn_api_state')
    expect(out.session?.extra[COOKIELESS_STATE_KEY]).toBe('new')
    expect(s.extra[COOKIELESS_STATE_KEY]).toBe('old')
  })

  it('cookieless: keeps the state from an error body too', () => {
    const s = session({ [COOKIELESS_STATE_KEY]: 'old' })
    expect(() =>
      parsePingFederateResponse(
        cookieless,
        response(400, { code: 'VALIDATION_ERROR', _pf_authn_api_state: 'after-error' }),
        ctx(s),
      ),
    ).toThrow(expect.objectContaining({ code: 'FLOW_ERROR' }))
    expect(s.extra[COOKIELESS_STATE_KEY]).toBe('after-error')
  })

  it('not cookieless: the member is dropped, never kept', () => {
    const out = parsePingFederateResponse(
      options,
      response(200, { status: 'COMPLETED', _pf_authn_api_state: 'x' }),
      ctx(),
    )
    expect(out).toEqual({ state: { status: 'COMPLETED' } })
  })
})

describe('poll steps and cancel actions', () => {
  const state = (status: string, ...actions: string[]) =>
    ({ status, _links: links(...actions) }) as unknown as PingFederateState

  it.each([
    ['PUSH_CONFIRMATION_WAITING', { kind: 'get', intervalMs: 1000 }],
    ['MOBILE_ACTIVATION_REQUIRED', { kind: 'get', intervalMs: 1000 }],
    ['AUTHENTICATION_CODE_RESPONSE_REQUIRED', { kind: 'get', intervalMs: 1000 }],
    ['ID_VERIFICATION_REQUIRED', { kind: 'action', action: 'poll', intervalMs: 5000 }],
    ['CREDENTIAL_VERIFICATION_REQUIRED', { kind: 'action', action: 'poll', intervalMs: 5000 }],
    ['LINK_INITIATED', { kind: 'action', action: 'poll', intervalMs: 2000 }],
    ['SECURID_CAS_APPROVE_METHOD_PENDING_VERIFICATION', { kind: 'action', action: 'poll', intervalMs: 5000 }],
  ])('%s waits as %o', (status, step) => {
    expect(pollStepFor(state(status))).toEqual(step)
  })

  it('external authentication waits for its pop-up, never for a REDIRECT presentation', () => {
    const external = (presentationMode: string) =>
      ({
        status: 'EXTERNAL_AUTHENTICATION_REQUIRED',
        presentationMode,
        authenticationUrl: 'x',
      }) as PingFederateState
    expect(pollStepFor(external('POPUP'))).toEqual({ kind: 'get', intervalMs: 1000 })
    expect(pollStepFor(external('REDIRECT'))).toBeUndefined()
  })

  it('no other status waits', () => {
    // The seven above, and EXTERNAL_AUTHENTICATION_REQUIRED (this state has no presentationMode).
    const waiting = 8
    expect(PING_FEDERATE_STATUSES.filter((s) => pollStepFor(state(s))).length).toBe(waiting)
  })

  it('the cancel action is picked from _links', () => {
    expect(cancelActionFor(state('OTP_REQUIRED', 'checkOtp', 'cancelAuthentication'))).toBe(
      'cancelAuthentication',
    )
    expect(cancelActionFor(state('VIP_ENROLLMENT', 'continue', 'cancel'))).toBe('cancel')
    expect(cancelActionFor(state('MUST_CHANGE_PASSWORD', 'checkNewPassword', 'cancelPasswordChange'))).toBe(
      'cancelPasswordChange',
    )
    expect(cancelActionFor(state('RECOVERY_CODE_REQUIRED', 'cancelAccountRecovery'))).toBe(
      'cancelAccountRecovery',
    )
    expect(cancelActionFor(state('USERNAME_RECOVERY_EMAIL_REQUIRED', 'cancelUsernameRecovery'))).toBe(
      'cancelUsernameRecovery',
    )
    expect(
      cancelActionFor(state('IDENTIFIER_REQUIRED', 'submitIdentifier', 'cancelIdentifierSubmission')),
    ).toBe('cancelIdentifierSubmission')
    expect(cancelActionFor(state('TOTP_ACTIVATION_REQUIRED', 'cancelDevicePairing'))).toBe(
      'cancelDevicePairing',
    )
    expect(cancelActionFor(state('USERNAME_PASSWORD_REQUIRED', 'checkUsernamePassword'))).toBeUndefined()
    expect(cancelActionFor({ status: 'COMPLETED' } as PingFederateState)).toBeUndefined()
    expect(CANCEL_ACTIONS).toHaveLength(7)
  })
})
