import { inspect } from 'node:util'
import { decodeJwt, jwtVerify } from 'jose'
import { describe, expect, it } from 'vitest'
import {
  createLoginHintToken,
  createRequestObject,
  isRedirectlessError,
  type LoginHintTokenOptions,
  type RequestObjectOptions,
} from '../../src/index.js'

// Every option of both builders, fed what it must not take: each is refused as INVALID_ARGUMENT
// (never a raw TypeError, never a token with a null or missing claim), and no message, string or
// inspection of the error shows the secret.

const SECRET = 'S3CRET-for-the-input-tests-32-bytes!'
const login: LoginHintTokenOptions = {
  issuer: 'issuer-app',
  subject: 'joe',
  audience: 'https://x/as',
  secret: SECRET,
}
const request: RequestObjectOptions = { issuer: 'client-app', audience: 'https://x/as', secret: SECRET }
const unsigned: RequestObjectOptions = { issuer: 'client-app', audience: 'https://x/as', unsigned: true }

async function refused(build: () => Promise<string>): Promise<string> {
  const outcome = await build().then(
    (token) => ({ token }),
    (error: unknown) => ({ error }),
  )
  if ('token' in outcome) throw new Error(`accepted, and signed ${JSON.stringify(decodeJwt(outcome.token))}`)
  const { error } = outcome
  if (!isRedirectlessError(error)) throw new Error(`a raw ${String(error)}`)
  expect(error.code).toBe('INVALID_ARGUMENT')
  for (const text of [error.message, String(error), JSON.stringify(error), inspect(error)])
    expect(text).not.toContain(SECRET)
  return error.message
}

const cyclic: Record<string, unknown> = {}
cyclic.self = cyclic

const BAD_CLOCKS: readonly (readonly [string, () => unknown])[] = [
  ['NaN', () => Number.NaN],
  ['Infinity', () => Number.POSITIVE_INFINITY],
  ['-Infinity', () => Number.NEGATIVE_INFINITY],
  ['a string', () => 'now'],
  ['a numeric string', () => '1700000000000'],
  ['a BigInt', () => 1_700_000_000_000n],
  ['undefined', () => undefined],
  ['a negative time', () => -1],
  ['a time past what a Date holds', () => 8.64e15 + 1],
  [
    'a clock that throws (quoting the secret)',
    () => {
      throw new Error(`clock broke near ${SECRET}`)
    },
  ],
]

describe('the builders refuse a clock that is not a usable time', () => {
  it.each(BAD_CLOCKS)('now() returning %s', async (_name, now) => {
    const clock = now as () => number
    expect(await refused(() => createLoginHintToken({ ...login, now: clock }))).toMatch(/now\(\)/)
    expect(await refused(() => createRequestObject({ ...request, now: clock }))).toMatch(/now\(\)/)
    expect(await refused(() => createRequestObject({ ...unsigned, now: clock }))).toMatch(/now\(\)/)
  })

  it('now that is not a function', async () => {
    await refused(() => createLoginHintToken({ ...login, now: 1_700_000_000_000 as unknown as () => number }))
  })

  it('takes the epoch itself and the last instant a Date holds', async () => {
    const atEpoch = decodeJwt(await createLoginHintToken({ ...login, now: () => 0 }))
    expect(atEpoch).toMatchObject({ iat: 0, exp: 300 })
    const last = decodeJwt(await createLoginHintToken({ ...login, now: () => 8.64e15 }))
    expect(last.iat).toBe(8.64e12)
  })
})

describe('the builders refuse randomness that would make a weak or empty jti', () => {
  it.each([
    ['no bytes', () => new Uint8Array(0)],
    ['too few bytes', () => new Uint8Array(8)],
    ['a string', () => 'random'],
    ['a plain array', () => Array.from({ length: 16 }, () => 1)],
    [
      'a throw',
      () => {
        throw new Error(SECRET)
      },
    ],
  ])('random returning %s', async (_name, random) => {
    const bytes = random as (length: number) => Uint8Array
    await refused(() => createLoginHintToken({ ...login, random: bytes }))
    await refused(() => createRequestObject({ ...unsigned, random: bytes }))
  })

  it('takes 16 bytes, from a Buffer too', async () => {
    const token = await createLoginHintToken({ ...login, random: (n) => Buffer.alloc(n, 7) })
    expect(decodeJwt(token).jti).toBe(Buffer.alloc(16, 7).toString('base64url'))
  })
})

describe('the builders refuse lifetimes that are not whole seconds within the limit', () => {
  it.each([Number.NaN, Number.POSITIVE_INFINITY, -1, 0, 0.5, 3601, 2 ** 53, '300', 300n, null])(
    'expiresIn %s',
    async (expiresIn) => {
      const value = expiresIn as number
      await refused(() => createLoginHintToken({ ...login, expiresIn: value }))
      await refused(() => createRequestObject({ ...unsigned, expiresIn: value }))
    },
  )
})

describe('the builders refuse claims of the wrong type', () => {
  it.each([
    ['issuer', 42],
    ['issuer', ['a']],
    ['issuer', { toString: () => 'x' }],
    ['subject', null],
    ['subject', 7n],
    ['audience', ['https://x/as', 'https://y/as']],
    ['audience', new URL('https://x/as')],
    ['audience', ''],
    ['keyId', 1],
    ['keyId', ''],
  ])('%s: %o', async (option, value) => {
    await refused(() => createLoginHintToken({ ...login, [option]: value }))
  })

  it('a missing options object', async () => {
    await refused(() => createLoginHintToken(undefined as unknown as LoginHintTokenOptions))
    await refused(() => createRequestObject(null as unknown as RequestObjectOptions))
  })
})

/** `{ a: { a: … } }`, `depth` levels deep: JSON.stringify overflows the stack on it. */
function nested(depth: number): unknown {
  let value: unknown = 1
  for (let i = 0; i < depth; i++) value = { a: value }
  return value
}

const BAD_VALUES: readonly (readonly [string, unknown])[] = [
  ['a BigInt', 10n],
  ['a function', () => 'MFA'],
  ['a symbol', Symbol('acr')],
  ['a cyclic object', cyclic],
  ['NaN', Number.NaN],
  ['Infinity', Number.POSITIVE_INFINITY],
  ['a BigInt deep inside', { a: [{ b: [1n] }] }],
  ['a function deep inside', { a: [{ b: () => 1 }] }],
  ['a toJSON that returns NaN', { toJSON: () => Number.NaN }],
  ['an object nested past the stack', nested(200_000)],
  [
    'an object with a throwing getter',
    Object.defineProperty({}, 'x', {
      enumerable: true,
      get: () => {
        throw new Error(SECRET)
      },
    }),
  ],
]

describe('createRequestObject refuses parameters JSON cannot carry as they are', () => {
  it.each(BAD_VALUES)('a parameter that is %s, signed or not', async (_name, value) => {
    const message = await refused(() =>
      createRequestObject({ ...request, parameters: { acr_values: value } }),
    )
    expect(message).toContain('parameters.acr_values')
    await refused(() => createRequestObject({ ...unsigned, parameters: { acr_values: value } }))
  })

  it('an object shared across a thousand-fold fan-out stops at a bound, not after 2^30 visits', async () => {
    let shared: unknown = 1
    for (let i = 0; i < 30; i++) shared = { a: shared, b: shared }
    await refused(() => createRequestObject({ ...unsigned, parameters: { claims: shared } }))
  })

  it('carries other values as JSON.stringify makes them, signed and unsigned alike', async () => {
    const parameters = { at: new Date(0), list: [1, undefined, 3], object: { keep: 1, drop: undefined } }
    const expected = { at: '1970-01-01T00:00:00.000Z', list: [1, null, 3], object: { keep: 1 } }
    expect(decodeJwt(await createRequestObject({ ...request, parameters }))).toMatchObject(expected)
    expect(decodeJwt(await createRequestObject({ ...unsigned, parameters }))).toMatchObject(expected)
  })

  it.each([
    ['an array', ['acr_values']],
    ['a string', 'acr_values=MFA'],
    ['null', null],
    ['a Map', new Map([['acr_values', 'MFA']])],
  ])('parameters that are %s', async (_name, parameters) => {
    await refused(() =>
      createRequestObject({
        ...request,
        parameters: parameters as unknown as RequestObjectOptions['parameters'],
      }),
    )
  })

  it('a parameter named __proto__', async () => {
    const parameters = JSON.parse('{"__proto__":{"acr":"x"}}') as Record<string, unknown>
    await refused(() => createRequestObject({ ...request, parameters }))
  })

  it('non-finite numbers in pi.clientContext and template variables', async () => {
    await refused(() => createRequestObject({ ...request, clientContext: { n: Number.NaN } }))
    await refused(() =>
      createRequestObject({
        ...request,
        template: { name: 't', variables: { sum: Number.POSITIVE_INFINITY } },
      }),
    )
  })

  it('carries a pi.clientContext member named __proto__ as a member, rather than dropping it', async () => {
    const clientContext = JSON.parse('{"__proto__":"x","a":"b"}') as Record<string, string>
    const claims = decodeJwt(await createRequestObject({ ...request, clientContext }))
    expect(JSON.stringify(claims['pi.clientContext'])).toBe('{"__proto__":"x","a":"b"}')
  })

  it('an IPv6 remoteIp that only looks like one, and a keyId on an unsigned object', async () => {
    for (const remoteIp of [':::::....', '1::2::3', '1:2:3:4:5:6:7:8:9', 'fe80::1%eth0']) {
      await refused(() => createRequestObject({ ...request, remoteIp }))
    }
    await refused(() => createRequestObject({ ...unsigned, keyId: 'k1' }))
  })

  it('still signs plain JSON parameters exactly as given', async () => {
    const parameters = {
      acr_values: 'MFA-Only',
      max_age: 0,
      claims: { id_token: { acr: { essential: true, values: ['a', 1, null, false] } } },
      skipped: undefined,
    }
    const token = await createRequestObject({
      ...request,
      parameters,
      remoteIp: '::ffff:192.0.2.1',
      clientContext: { n: -1.5 },
    })
    const { payload } = await jwtVerify(token, new TextEncoder().encode(SECRET))
    expect(payload).toMatchObject({
      acr_values: 'MFA-Only',
      max_age: 0,
      claims: parameters.claims,
      'pi.remoteIp': '::ffff:192.0.2.1',
      'pi.clientContext': { n: -1.5 },
    })
    expect(payload).not.toHaveProperty('skipped')
    expect(typeof payload.iat).toBe('number')
    expect(typeof payload.exp).toBe('number')
  })
})
