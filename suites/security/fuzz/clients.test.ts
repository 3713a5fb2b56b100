import { type AuthorizationResult, isRedirectlessError, RedirectlessError } from '@redirectless/core'
import { toughCookieJar } from '@redirectless/core/cookies'
import {
  createPingFederateClient,
  isPingFederateStatus,
  PING_FEDERATE_STATUSES,
  type PingFederateFlow,
} from '@redirectless/pingfederate'
import {
  createPingOneClient,
  isPingOneStatus,
  PINGONE_STATUSES,
  type PingOneFlow,
} from '@redirectless/pingone'
import fc from 'fast-check'
import { exportJWK, generateKeyPair, SignJWT } from 'jose'
import { describe, expect, it } from 'vitest'
import { type AnswerSpec, answer, anything, flowLike, jwtLike, toResponse } from './arbitraries.js'

const RUNS = { numRuns: 200 } as const
const PF_BASE = 'https://pf.fuzz.test'
const P1_BASE = 'https://auth.fuzz.test'
const ENV = '2d3a7e6c-5b1f-4c8e-9a0d-6f4b2c1e8a35'
const P1_CLIENT = '6c2a9f4e-1b3d-4e5f-8a7b-0c1d2e3f4a5b'
const FAKE_LHT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJqb2UifQ.c2lnbmF0dXJl'
// Any run longer than this hangs: the fetch below answers at once.
const HANG_MS = 5_000

const key = await generateKeyPair('RS256')
const jwk = { ...(await exportJWK(key.publicKey)), kid: 'fuzz', alg: 'RS256' }

interface Product {
  readonly name: 'pingfederate' | 'pingone'
  readonly base: string
  readonly issuer: string
  readonly clientId: string
  readonly statuses: readonly string[]
  readonly isKnown: (status: string) => boolean
  /** A state that offers the action the runs submit, and a self link. */
  readonly waiting: Record<string, unknown>
  readonly completed: Record<string, unknown>
  readonly client: (fetch: typeof globalThis.fetch) => {
    start(): Promise<PingFederateFlow | PingOneFlow>
    submit(flow: PingFederateFlow | PingOneFlow): Promise<unknown>
    restore(saved: unknown): PingFederateFlow | PingOneFlow
  }
}

const PF: Product = {
  name: 'pingfederate',
  base: PF_BASE,
  issuer: PF_BASE,
  clientId: 'fuzz-client',
  statuses: PING_FEDERATE_STATUSES,
  isKnown: isPingFederateStatus,
  waiting: {
    id: 'f1',
    status: 'USERNAME_PASSWORD_REQUIRED',
    _links: {
      self: { href: `${PF_BASE}/pf-ws/authn/flows/f1` },
      checkUsernamePassword: { href: `${PF_BASE}/pf-ws/authn/flows/f1` },
    },
  },
  completed: { id: 'f1', status: 'COMPLETED', _links: { self: { href: `${PF_BASE}/pf-ws/authn/flows/f1` } } },
  client: (fetch) => {
    const pf = createPingFederateClient({
      baseUrl: PF_BASE,
      clientId: 'fuzz-client',
      cookies: toughCookieJar,
      fetch,
      timeout: 2_000,
      // Retried GETs, but never a real wait, whatever Retry-After says.
      retry: { limit: 1, backoffLimit: 1, maxRetryAfter: 10 },
    })
    return {
      start: () => pf.startFlow({ scope: 'openid' }),
      submit: (flow) =>
        (flow as PingFederateFlow).submit('checkUsernamePassword', { username: 'joe', password: 'pw' }),
      restore: (saved) => pf.restoreFlow(saved),
    }
  },
}

const P1: Product = {
  name: 'pingone',
  base: P1_BASE,
  issuer: `${P1_BASE}/${ENV}/as`,
  clientId: P1_CLIENT,
  statuses: PINGONE_STATUSES,
  isKnown: isPingOneStatus,
  waiting: {
    id: 'f1',
    status: 'OTP_REQUIRED',
    _links: {
      self: { href: `${P1_BASE}/${ENV}/flows/f1` },
      'otp.check': { href: `${P1_BASE}/${ENV}/flows/f1` },
    },
    _embedded: { devices: [{ id: 'd1', type: 'SMS' }] },
  },
  completed: {
    id: 'f1',
    status: 'COMPLETED',
    resumeUrl: `${P1_BASE}/${ENV}/as/resume?flowId=f1`,
    _links: { self: { href: `${P1_BASE}/${ENV}/flows/f1` } },
  },
  client: (fetch) => {
    const p1 = createPingOneClient({
      authBaseUrl: P1_BASE,
      environmentId: ENV,
      clientId: P1_CLIENT,
      cookies: toughCookieJar,
      fetch,
      timeout: 2_000,
      retry: { limit: 1, backoffLimit: 1, maxRetryAfter: 10 },
    })
    return {
      start: () => p1.startFlow({ scope: 'openid', acrValues: 'MFA-Only', loginHintToken: FAKE_LHT }),
      submit: (flow) => (flow as PingOneFlow).submit('otp.check', { otp: '123456' }),
      restore: (saved) => p1.restoreFlow(saved),
    }
  },
}

type Answerer = (request: URL) => Response | Promise<Response>

/** A fetch that answers from `answerer` and keeps every URL asked for. */
function fuzzFetch(answerer: Answerer) {
  const asked: URL[] = []
  const fetch = (async (input: RequestInfo | URL) => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url)
    asked.push(url)
    return answerer(url)
  }) as typeof globalThis.fetch
  return { fetch, asked }
}

/** The answers of one run, in order; the last repeats. */
const inOrder =
  (specs: readonly AnswerSpec[], first?: (url: URL) => Response): Answerer =>
  (url) => {
    if (first) {
      const answer = first(url)
      first = undefined
      return answer
    }
    const spec = specs.length > 1 ? (specs as AnswerSpec[]).shift() : specs[0]
    return toResponse(spec as AnswerSpec)
  }

const json = (body: unknown) =>
  new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } })

/**
 * Runs `steps` and checks the one property every run must hold: each step ends in a state of a
 * known status (or a result with tokens), or in a coded RedirectlessError; nothing else escapes,
 * nothing hangs, and no request leaves the configured origin.
 */
async function holds(product: Product, asked: readonly URL[], steps: () => Promise<void>) {
  let timer: NodeJS.Timeout | undefined
  const hang = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('HANG')), HANG_MS)
  })
  try {
    await Promise.race([steps(), hang])
  } finally {
    clearTimeout(timer)
  }
  for (const url of asked) expect(url.origin).toBe(product.base)
}

/** How the steps of a property ended: `ok` or an error code, with counts. */
type Tally = Map<string, number>
let tally: Tally = new Map()

/** Starts counting for one property; `seen()` then says what happened. */
function counting() {
  tally = new Map()
  const current = tally
  return {
    /**
     * Runs got through to a typed state or result, and failed in several different coded ways: the
     * property exercised the parsers, not one early refusal over and over.
     */
    expectVariety() {
      const seen = JSON.stringify([...current])
      expect(current.get('ok') ?? 0, seen).toBeGreaterThan(0)
      expect([...current.keys()].filter((k) => k !== 'ok').length, seen).toBeGreaterThanOrEqual(3)
    },
  }
}

/** One step: a typed state or result, or a coded error (returned, so the run can go on or stop). */
async function step<T = unknown>(product: Product, run: () => Promise<T>): Promise<T | RedirectlessError> {
  const count = (what: string) => tally.set(what, (tally.get(what) ?? 0) + 1)
  try {
    const value = await run()
    const state = (value as { state?: { status?: unknown } })?.state
    if (state !== undefined) {
      expect(typeof state.status).toBe('string')
      expect(product.isKnown(state.status as string)).toBe(true)
    }
    const result = value as Partial<AuthorizationResult> | undefined
    if (result && 'tokens' in result) {
      expect(typeof result.tokens?.access_token).toBe('string')
      if (result.claims !== undefined) expect(typeof result.claims.sub).toBe('string')
    }
    count('ok')
    return value
  } catch (error) {
    if (!isRedirectlessError(error)) throw error
    count(error.code)
    return error
  }
}

describe.each([PF, P1])('$name dialect, fed arbitrary answers', (product) => {
  const answers = fc.array(answer(product.base, product.statuses), { minLength: 1, maxLength: 4 })

  it('start, then refresh', async () => {
    const seen = counting()
    await fc.assert(
      fc.asyncProperty(answers, async (specs) => {
        const { fetch, asked } = fuzzFetch(inOrder(specs))
        const client = product.client(fetch)
        await holds(product, asked, async () => {
          const flow = await step(product, () => client.start())
          if (!(flow instanceof RedirectlessError)) await step<unknown>(product, () => flow.refresh())
        })
      }),
      RUNS,
    )
    seen.expectVariety()
  })

  it('submit, then refresh', async () => {
    const seen = counting()
    await fc.assert(
      fc.asyncProperty(answers, async (specs) => {
        const { fetch, asked } = fuzzFetch(inOrder(specs, () => json(product.waiting)))
        const client = product.client(fetch)
        await holds(product, asked, async () => {
          const flow = await client.start()
          const submitted = await step<unknown>(product, () => client.submit(flow))
          if (!(submitted instanceof RedirectlessError)) await step<unknown>(product, () => flow.refresh())
        })
      }),
      RUNS,
    )
    seen.expectVariety()
  })

  it('refresh, twice', async () => {
    const seen = counting()
    await fc.assert(
      fc.asyncProperty(answers, async (specs) => {
        const { fetch, asked } = fuzzFetch(inOrder(specs, () => json(product.waiting)))
        const client = product.client(fetch)
        await holds(product, asked, async () => {
          const flow = await client.start()
          await step<unknown>(product, () => flow.refresh())
          await step<unknown>(product, () => flow.refresh())
        })
      }),
      RUNS,
    )
    seen.expectVariety()
  })

  it('complete: authorization response, resume, discovery, token and JWKS answers', async () => {
    const seen = counting()
    // Each answer is usually right, so runs get past it to the next one and some reach a result.
    const orArbitrary = <T>(valid: fc.Arbitrary<T>) =>
      fc.oneof(
        { weight: 5, arbitrary: valid.map((body) => ({ valid: body })) },
        { weight: 1, arbitrary: answer(product.base, product.statuses).map((spec) => ({ spec })) },
      )
    const claims = fc.oneof(
      { weight: 3, arbitrary: fc.constant('honest' as const) },
      {
        weight: 1,
        arbitrary: fc.dictionary(
          fc.constantFrom('iss', 'sub', 'aud', 'exp', 'iat', 'nonce', 'azp', 'at_hash', 'auth_time'),
          fc.jsonValue(),
        ),
      },
    )
    const plan = fc.record({
      authorizeResponse: fc.oneof(
        { weight: 6, arbitrary: fc.constant('honest' as const) },
        { weight: 1, arbitrary: fc.constant('none' as const) },
        { weight: 1, arbitrary: fc.jsonValue() },
        { weight: 1, arbitrary: flowLike(product.base, product.statuses) },
      ),
      resume: orArbitrary(fc.constant('honest' as const)),
      discovery: orArbitrary(
        fc.oneof(
          {
            weight: 4,
            arbitrary: fc.constant({
              issuer: product.issuer,
              token_endpoint: `${product.base}/token`,
              jwks_uri: `${product.base}/jwks`,
            }),
          },
          {
            weight: 1,
            arbitrary: fc.constantFrom(
              {
                issuer: product.issuer,
                token_endpoint: 'https://attacker.example/token',
                jwks_uri: `${product.base}/jwks`,
              },
              {
                issuer: product.issuer,
                token_endpoint: `${product.base}/token`,
                jwks_uri: 'https://attacker.example/jwks',
              },
              {
                issuer: 'https://attacker.example',
                token_endpoint: `${product.base}/token`,
                jwks_uri: `${product.base}/jwks`,
              },
            ),
          },
        ),
      ),
      token: orArbitrary(
        fc.record({
          idToken: fc.oneof(
            { weight: 4, arbitrary: claims },
            { weight: 1, arbitrary: fc.oneof(jwtLike, fc.jsonValue()) },
          ),
          accessToken: fc.oneof(
            { weight: 4, arbitrary: fc.constant('at') as fc.Arbitrary<unknown> },
            { weight: 1, arbitrary: fc.jsonValue() },
          ),
        }),
      ),
      jwks: orArbitrary(
        fc.oneof(
          { weight: 4, arbitrary: fc.constant({ keys: [jwk] }) as fc.Arbitrary<unknown> },
          { weight: 1, arbitrary: fc.jsonValue() },
        ),
      ),
    })
    await fc.assert(
      fc.asyncProperty(plan, async (p) => {
        let sent: { state: string | null; nonce: string | null } = { state: null, nonce: null }
        const reply = (part: { valid: unknown } | { spec: AnswerSpec }, honest: () => unknown) =>
          'spec' in part ? toResponse(part.spec) : json(part.valid === 'honest' ? honest() : part.valid)
        const authorizeResponse = () =>
          p.authorizeResponse === 'honest'
            ? { code: 'c1', ...(sent.state !== null && { state: sent.state }) }
            : p.authorizeResponse
        const { fetch, asked } = fuzzFetch(async (url) => {
          const path = url.pathname
          if (path.endsWith('/authorization.oauth2') || path.endsWith('/as/authorize')) {
            sent = { state: url.searchParams.get('state'), nonce: url.searchParams.get('nonce') }
            const completed = { ...product.completed }
            if (p.authorizeResponse !== 'none')
              Object.assign(completed, { authorizeResponse: authorizeResponse() })
            return json(completed)
          }
          if (path.endsWith('/resume'))
            return reply(p.resume, () => ({ authorizeResponse: authorizeResponse() }))
          if (path.endsWith('/openid-configuration')) return reply(p.discovery, () => undefined)
          if (path.endsWith('/jwks')) return reply(p.jwks, () => undefined)
          if (path.endsWith('/token')) {
            if ('spec' in p.token) return toResponse(p.token.spec)
            const { idToken, accessToken } = p.token.valid as { idToken: unknown; accessToken: unknown }
            const now = Math.floor(Date.now() / 1000)
            const signed =
              idToken === 'honest'
                ? {
                    iss: product.issuer,
                    aud: product.clientId,
                    sub: 'joe',
                    iat: now,
                    exp: now + 300,
                    nonce: sent.nonce ?? undefined,
                  }
                : idToken
            const id_token =
              signed && typeof signed === 'object' && !Array.isArray(signed)
                ? await new SignJWT(signed as Record<string, unknown>)
                    .setProtectedHeader({ alg: 'RS256', kid: 'fuzz' })
                    .sign(key.privateKey)
                : idToken
            return json({ access_token: accessToken, token_type: 'Bearer', id_token })
          }
          return toResponse({
            status: 404,
            contentType: '',
            retryAfter: null,
            location: null,
            setCookie: null,
            body: '',
          })
        })
        const client = product.client(fetch)
        await holds(product, asked, async () => {
          const flow = await client.start()
          await step<unknown>(product, () => flow.complete())
        })
      }),
      RUNS,
    )
    seen.expectVariety()
  })

  it('restoreFlow with anything: a flow that still behaves, or INVALID_ARGUMENT', async () => {
    const seen = counting()
    const usually = <T>(usual: fc.Arbitrary<T>, odd: fc.Arbitrary<unknown>) =>
      fc.oneof({ weight: 8, arbitrary: usual as fc.Arbitrary<unknown> }, { weight: 1, arbitrary: odd })
    const extraValue = fc.jsonValue()
    const extra =
      product.name === 'pingone'
        ? usually(fc.constant({ environmentId: ENV, clientId: P1_CLIENT }), extraValue)
        : usually(fc.constant({}), extraValue)
    const saved = fc.oneof(
      { weight: 1, arbitrary: anything },
      {
        weight: 6,
        arbitrary: fc.record({
          format: usually(fc.constant('redirectless.flow/1'), fc.jsonValue()),
          product: usually(fc.constant(product.name), fc.jsonValue()),
          state: usually(
            fc.oneof(fc.constant(product.waiting), flowLike(product.base, product.statuses)),
            fc.jsonValue(),
          ),
          session: usually(
            fc.record({ request: fc.record({ responseType: fc.constant('code') }), extra }),
            fc.jsonValue(),
          ),
          cookies: fc.oneof(
            fc.constant(null),
            fc.jsonValue(),
            fc.record({ cookies: fc.array(fc.jsonValue(), { maxLength: 2 }) }),
          ),
          canceled: usually(fc.constant(undefined), fc.jsonValue()),
        }),
      },
    )
    await fc.assert(
      fc.asyncProperty(saved, answers, async (input, specs) => {
        const { fetch, asked } = fuzzFetch(inOrder(specs))
        const client = product.client(fetch)
        await holds(product, asked, async () => {
          let flow: PingFederateFlow | PingOneFlow
          try {
            flow = client.restore(input)
          } catch (error) {
            expect(isRedirectlessError(error) && error.code).toBe('INVALID_ARGUMENT')
            return
          }
          await step<unknown>(product, () => flow.refresh())
          await step<unknown>(product, () => client.submit(flow))
          await step<unknown>(product, () => flow.complete())
        })
      }),
      RUNS,
    )
    seen.expectVariety()
  })
})
