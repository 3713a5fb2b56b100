/**
 * Issue 11, item 8 (invariant 8). `createLoginHintToken` / `createRequestObject` with a `now()`
 * returning NaN, Infinity or a string signed `"iat": null, "exp": null` (a token without a lifetime,
 * which a lenient server takes as never expiring), and a BigInt, a function, a symbol or a cycle in
 * the claims escaped as a raw TypeError (or, signed, as a misleading "the key cannot sign"). Both
 * are now `INVALID_ARGUMENT` RedirectlessErrors that never carry the secret or the key.
 */
import { generateKeyPairSync } from 'node:crypto'
import { inspect } from 'node:util'
import { isRedirectlessError } from '@redirectless/core'
import { createLoginHintToken, createRequestObject } from '@redirectless/pingone/jwt'
import { decodeJwt } from 'jose'
import { describe, expect, it } from 'vitest'

const audience = 'https://auth.pingone.example/env/as'
// Recognisable, so an error that quotes the key material is caught.
const SECRET = 'S3CRET'.padEnd(32, 'x')
const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
const PEM = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()
const PEM_BODY = PEM.split('\n')[1] ?? ''

/** Each builder, in each of the ways it signs, with one option changed. */
const BUILDERS: readonly (readonly [string, (change: Record<string, unknown>) => Promise<string>])[] = [
  [
    'createLoginHintToken (HS256)',
    (change) => createLoginHintToken({ issuer: 'app', subject: 'joe', audience, secret: SECRET, ...change }),
  ],
  [
    'createLoginHintToken (RS256)',
    (change) => createLoginHintToken({ issuer: 'app', subject: 'joe', audience, privateKey, ...change }),
  ],
  [
    'createRequestObject (HS256)',
    (change) => createRequestObject({ issuer: 'app', audience, secret: SECRET, ...change }),
  ],
  [
    'createRequestObject (RS256)',
    (change) => createRequestObject({ issuer: 'app', audience, privateKey, ...change }),
  ],
  [
    'createRequestObject (unsigned)',
    (change) => createRequestObject({ issuer: 'app', audience, unsigned: true, ...change }),
  ],
]

async function refused(build: () => Promise<string>): Promise<void> {
  const outcome = await build().then(
    (token) => ({ token }),
    (error: unknown) => ({ error }),
  )
  expect(outcome, 'the builder produced a token').not.toHaveProperty('token')
  const { error } = outcome as { error: unknown }
  expect(isRedirectlessError(error) ? error.code : `raw ${String(error)}`).toBe('INVALID_ARGUMENT')
  const shown = `${String(error)} ${JSON.stringify(error)} ${inspect(error, { depth: 5 })}`
  expect(shown).not.toContain('S3CRET')
  expect(shown).not.toContain(PEM_BODY.slice(0, 24))
}

const cyclic: Record<string, unknown> = { name: 'loop' }
cyclic.self = cyclic

const BAD_CLOCKS: readonly (readonly [string, unknown])[] = [
  ['NaN', Number.NaN],
  ['Infinity', Number.POSITIVE_INFINITY],
  ['a string', 'soon'],
  ['a numeric string', '1700000000000'],
  ['a BigInt', 1_700_000_000_000n],
  ['a negative time', -1_000],
]

const BAD_VALUES: readonly (readonly [string, unknown])[] = [
  ['a BigInt', 10n],
  ['a function', () => 'MFA'],
  ['a symbol', Symbol('acr')],
  ['a cyclic object', cyclic],
  ['NaN', Number.NaN],
]

describe.each(BUILDERS)('%s', (_name, build) => {
  it.each(BAD_CLOCKS)('refuses a now() returning %s', async (_clock, value) => {
    await refused(() => build({ now: () => value }))
  })

  it('refuses a now() that throws, without its message', async () => {
    await refused(() =>
      build({
        now: () => {
          throw new Error(`clock failed near ${SECRET}`)
        },
      }),
    )
  })

  it.each([Number.NaN, -60, 0, 2 ** 40])('refuses expiresIn %s', async (expiresIn) => {
    await refused(() => build({ expiresIn }))
  })

  it('signs numeric iat and exp with a good clock', async () => {
    const claims = decodeJwt(await build({ now: () => 1_700_000_000_000, expiresIn: 120 }))
    expect(claims).toMatchObject({ iat: 1_700_000_000, exp: 1_700_000_120 })
    expect(typeof claims.jti).toBe('string')
  })
})

describe.each(BUILDERS.filter(([name]) => name.startsWith('createRequestObject')))('%s', (_name, build) => {
  it.each(BAD_VALUES)('refuses a parameter that is %s', async (_value, value) => {
    await refused(() => build({ parameters: { acr_values: value } }))
    await refused(() => build({ parameters: { claims: { id_token: { acr: { values: [value] } } } } }))
  })

  it.each(BAD_VALUES)('refuses a pi.clientContext value that is %s', async (_value, value) => {
    await refused(() => build({ clientContext: { color: value } }))
  })
})
