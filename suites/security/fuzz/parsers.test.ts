import {
  ErrorCodes,
  errorFromResponse,
  type HttpResponse,
  isRedirectlessError,
  parseFlowBody,
  processTokenResponse,
  type RedirectlessError,
  redactText,
  retryAfterSeconds,
  sanitizeServerError,
} from '@redirectless/core'
import { isPingFederateStatus } from '@redirectless/pingfederate'
import { isPingOneAction, isPingOneStatus, PINGONE_STATUSES, parsePingOneState } from '@redirectless/pingone'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { anything, errorEnvelope, flowLike, headerText, JWT, jwtLike } from './arbitraries.js'

const RUNS = { numRuns: 400 } as const
const CODES = new Set<string>(Object.values(ErrorCodes))

/** An HttpResponse as the transport hands it to the parsers, with every member arbitrary. */
const httpResponse = fc
  .record({
    status: fc.oneof(fc.integer({ min: 100, max: 599 }), fc.integer(), fc.constant(Number.NaN)),
    headers: fc.dictionary(fc.constantFrom('retry-after', 'content-type', 'location', 'x-other'), headerText),
    url: fc.oneof(fc.webUrl(), fc.string({ maxLength: 30 })),
    text: fc.string({ maxLength: 80 }),
    json: fc.oneof(anything, errorEnvelope, fc.jsonValue(), fc.constant(undefined)),
  })
  .map((r): HttpResponse => ({ ...r, headers: new Headers(r.headers) }))

/** Runs `parse`, and says what happened: a value, or a coded error. Anything else fails the property. */
function outcome<T>(parse: () => T): { value: T } | { error: RedirectlessError } {
  try {
    return { value: parse() }
  } catch (error) {
    if (!isRedirectlessError(error))
      throw new Error(`not a RedirectlessError: ${String(error)}`, { cause: error })
    expect(CODES.has(error.code)).toBe(true)
    return { error }
  }
}

describe('parsers never crash: a typed value or a coded RedirectlessError', () => {
  it('parseFlowBody: a state with a known status and well-formed links, or a coded error', () => {
    fc.assert(
      fc.property(httpResponse, (response) => {
        const result = outcome(() =>
          parseFlowBody(
            response,
            { operation: 'fuzz', session: { request: { responseType: 'code' }, extra: {} } },
            { goneCodes: ['RESOURCE_NOT_FOUND'], isKnownStatus: isPingFederateStatus },
          ),
        )
        if ('value' in result) {
          expect(response.status).toBeGreaterThanOrEqual(200)
          expect(isPingFederateStatus(result.value.status)).toBe(true)
          for (const l of Object.values(result.value._links ?? {})) expect(typeof l.href).toBe('string')
        }
      }),
      RUNS,
    )
  })

  it('parsePingOneState: every status model as its type promises, only noun.verb links as actions', () => {
    const base = 'https://auth.pingone.com/2d3a7e6c-5b1f-4c8e-9a0d-6f4b2c1e8a35'
    const pingOneResponse = fc
      .record({
        status: fc.oneof(
          { weight: 5, arbitrary: fc.constant(200) },
          { weight: 1, arbitrary: fc.constantFrom(400, 404) },
        ),
        json: fc.oneof(
          { weight: 8, arbitrary: flowLike(base, PINGONE_STATUSES) },
          { weight: 1, arbitrary: errorEnvelope },
        ),
        operation: fc.constantFrom('authorize', 'refresh', 'password.forgot', 'user.lookup'),
        expiresAt: fc.option(
          fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
          { nil: undefined },
        ),
      })
      .map((r) => ({
        response: {
          status: r.status,
          headers: new Headers(),
          url: `${base}/flows/f1`,
          text: '',
          json: r.json,
        },
        context: {
          operation: r.operation,
          session: { request: { responseType: 'code' }, extra: {} },
          previous: {
            id: 'f1',
            status: 'USERNAME_PASSWORD_REQUIRED',
            ...(r.expiresAt && { expiresAt: r.expiresAt }),
          },
        },
      }))
    const isObject = (v: unknown) => !!v && typeof v === 'object' && !Array.isArray(v)
    fc.assert(
      fc.property(pingOneResponse, ({ response, context }) => {
        const result = outcome(() => parsePingOneState(response as HttpResponse, context))
        if (!('value' in result)) return
        const state = result.value
        expect(response.status).toBe(200)
        expect(isPingOneStatus(state.status)).toBe(true)
        for (const l of Object.values(state._links)) expect(typeof l.href).toBe('string')
        const embedded = state._embedded as Record<string, unknown> | undefined
        if (embedded) {
          for (const name of [
            'user',
            'application',
            'agreement',
            'identityProvider',
            'passwordPolicy',
            'deviceAuthorization',
          ])
            if (embedded[name] !== undefined) expect(isObject(embedded[name])).toBe(true)
          const devices = embedded.devices as { id: unknown; type: unknown }[] | undefined
          if (devices !== undefined || state.status === 'DEVICE_SELECTION_REQUIRED') {
            expect(Array.isArray(devices)).toBe(true)
            for (const d of devices ?? []) expect([typeof d.id, typeof d.type]).toEqual(['string', 'string'])
          }
          if (embedded.socialProviders !== undefined)
            expect((embedded.socialProviders as unknown[]).every(isObject)).toBe(true)
          const profile = embedded.profileData as { attributes?: { name: unknown }[] } | undefined
          if (profile !== undefined)
            for (const a of profile.attributes ?? []) expect(typeof a.name).toBe('string')
        }
        // A link the flow would list as an action is a PingOne `noun.verb` name: never a page.
        const actions = Object.keys(state._links).filter(isPingOneAction)
        expect(actions).not.toContain('signOnPage')
        expect(actions).not.toContain('self')
        // PASSWORD_REQUIRED's links under requiredStep reach `_links` only as actions, never a page.
        const required = (embedded?.requiredStep as { _links?: object } | undefined)?._links
        const top = (response.json as { _links?: unknown } | undefined)?._links
        for (const name of Object.keys(required ?? {}))
          if (!isPingOneAction(name) && !(isObject(top) && Object.hasOwn(top as object, name)))
            expect(Object.hasOwn(state._links, name)).toBe(false)
      }),
      RUNS,
    )
  })

  it('errorFromResponse: always a coded error that keeps the status and a sane retryAfter', () => {
    fc.assert(
      fc.property(httpResponse, fc.boolean(), (response, tokenCall) => {
        const error = errorFromResponse(response, {
          operation: 'fuzz',
          goneCodes: ['NOT_FOUND'],
          ...(tokenCall && { clientErrorCode: ErrorCodes.TOKEN_ERROR }),
        })
        expect(isRedirectlessError(error)).toBe(true)
        expect(CODES.has(error.code)).toBe(true)
        expect(error.status).toBe(response.status)
        if (error.retryAfter !== undefined) expect(error.retryAfter).toBeGreaterThanOrEqual(0)
        // What it says can be logged: no JWT survives into the message or the JSON.
        expect(`${error.message} ${JSON.stringify(error)}`).not.toMatch(JWT)
      }),
      RUNS,
    )
  })

  it('processTokenResponse: tokens of the right types, or a coded error', () => {
    const tokenBody = fc.record(
      {
        access_token: fc.oneof(fc.string(), fc.jsonValue()),
        token_type: fc.oneof(fc.constant('Bearer'), fc.jsonValue()),
        expires_in: fc.oneof(fc.integer(), fc.string(), fc.jsonValue()),
        id_token: fc.oneof(jwtLike, fc.jsonValue()),
      },
      { requiredKeys: [] },
    )
    fc.assert(
      fc.property(httpResponse, fc.option(tokenBody, { nil: undefined }), (response, body) => {
        const result = outcome(() =>
          processTokenResponse(body === undefined ? response : { ...response, json: body }),
        )
        if ('value' in result) {
          expect(response.status).toBe(200)
          expect(typeof result.value.access_token).toBe('string')
          expect(typeof result.value.token_type).toBe('string')
          expect(['number', 'undefined']).toContain(typeof result.value.expires_in)
        }
      }),
      RUNS,
    )
  })

  it('sanitizeServerError: only the documented members, text redacted, whatever it is given', () => {
    const TOP = new Set(['code', 'message', 'userMessage', 'id', 'details'])
    const DETAIL = new Set([
      'code',
      'message',
      'userMessage',
      'target',
      'attemptsRemaining',
      'failedValidators',
      'satisfiedValidators',
      'innerError',
    ])
    fc.assert(
      fc.property(fc.oneof(anything, errorEnvelope), (raw) => {
        const server = sanitizeServerError(raw)
        for (const key of Object.keys(server)) expect(TOP.has(key)).toBe(true)
        for (const detail of server.details ?? [])
          for (const key of Object.keys(detail)) expect(DETAIL.has(key)).toBe(true)
        // Plain JSON, so it can be stored with a snapshot, and free of JWTs.
        const json = JSON.stringify(server)
        expect(JSON.parse(json)).toEqual(JSON.parse(json))
        expect(json).not.toMatch(JWT)
      }),
      RUNS,
    )
  })

  it('retryAfterSeconds: nothing, or a non-negative number of seconds', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          headerText,
          fc.nat().map(String),
          fc.date({ noInvalidDate: true }).map((d) => d.toUTCString()),
        ),
        (value) => {
          const seconds = retryAfterSeconds(new Headers({ 'retry-after': value }))
          if (seconds !== undefined) {
            expect(Number.isFinite(seconds)).toBe(true)
            expect(seconds).toBeGreaterThanOrEqual(0)
          }
        },
      ),
      RUNS,
    )
  })
})

describe('redactText', () => {
  const secret = fc.stringMatching(/^[A-Za-z0-9]{6}$/).map((s) => `Zq${s}Secret`)
  const text = fc.string({ maxLength: 40 })
  const KEYS = [
    'password',
    'PASSWORD',
    'otp',
    'client_secret',
    'code',
    'code_verifier',
    'access_token',
    'id_token',
    'refresh_token',
    'login_hint_token',
    'token',
    'cookie',
    'ST',
    'PF',
  ]
  const JSON_KEYS = [
    'password',
    'newPassword',
    'otp',
    'clientSecret',
    'client_secret',
    'code',
    'codeVerifier',
    'access_token',
    'refresh_token',
    'id_token',
    'assertion',
    'cookie',
  ]

  it('never throws, is idempotent and leaves no JWT', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), jwtLike), (input) => {
        const once = redactText(input)
        expect(redactText(once)).toBe(once)
        expect(once).not.toMatch(JWT)
      }),
      RUNS,
    )
  })

  it('removes a secret put in any of the shapes it promises to catch', () => {
    const shaped = fc.oneof(
      fc.tuple(fc.constantFrom(...KEYS), fc.constantFrom('', ' ', '?', '&', ';', '\n')).map(
        ([k, sep]) =>
          (s: string) =>
            `${sep}${k}=${s}`,
      ),
      fc.constantFrom(...JSON_KEYS).map((k) => (s: string) => `{"${k}": "${s}"}`),
      fc.constantFrom('Bearer', 'Basic', 'bearer').map((k) => (s: string) => ` ${k} ${s}`),
      // A JWT whose payload and signature are the secret.
      fc.stringMatching(/^[A-Za-z0-9_-]{0,20}$/).map((header) => (s: string) => ` eyJ${header}.${s}.${s}`),
    )
    fc.assert(
      fc.property(text, shaped, secret, text, (before, shape, s, after) => {
        fc.pre(!before.includes(s) && !after.includes(s))
        // A word character right before would make it another key (`xpassword=`), which is not promised.
        const input = `${before} ${shape(s)} ${after}`
        expect(redactText(input)).not.toContain(s)
      }),
      RUNS,
    )
  })

  it('stays fast on input built to make its patterns backtrack', () => {
    const hostile = [
      `eyJ${'a'.repeat(200_000)}`,
      `eyJ${'a.'.repeat(100_000)}`,
      `"password":"${'\\\\'.repeat(100_000)}`,
      `"password":"${'\\"'.repeat(100_000)}`,
      `Bearer ${'a'.repeat(200_000)}`,
      `${'password='.repeat(50_000)}`,
      `${'"password": '.repeat(30_000)}`,
    ]
    for (const input of hostile) {
      const started = performance.now()
      redactText(input)
      expect(performance.now() - started, input.slice(0, 20)).toBeLessThan(500)
    }
  })
})
