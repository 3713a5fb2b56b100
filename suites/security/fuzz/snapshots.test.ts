import { deflateRawSync } from 'node:zlib'
import { isRedirectlessError } from '@redirectless/core'
import { HYBRID_LOGIN_PURPOSE, seal, sealSnapshot, unseal, unsealSnapshot } from '@redirectless/orchestrator'
import fc from 'fast-check'
import { CompactEncrypt } from 'jose'
import { describe, expect, it } from 'vitest'
import { anything } from './arbitraries.js'

const RUNS = { numRuns: 300 } as const
const PURPOSE = 'fuzz'
const CTY = 'redirectless-sealed+deflate'
// Raw key material, so these runs can encrypt payloads of their own under it.
const KEY = crypto.getRandomValues(new Uint8Array(32))
const b64url = fc.stringMatching(/^[A-Za-z0-9_-]{0,60}$/)

/** Unseals, and says how it ended; anything but a value or INVALID_ARGUMENT fails the property. */
async function outcomeOf(
  sealed: unknown,
  open: (sealed: unknown) => Promise<unknown> = (x) => unseal(x, KEY, { purpose: PURPOSE }),
): Promise<{ value: unknown } | { refused: true }> {
  try {
    return { value: await open(sealed) }
  } catch (error) {
    expect(isRedirectlessError(error) && error.code, String(error)).toBe('INVALID_ARGUMENT')
    return { refused: true }
  }
}

const encrypt = (plaintext: Uint8Array, header: Record<string, unknown> = {}) =>
  new CompactEncrypt(plaintext)
    .setProtectedHeader({ alg: 'dir', enc: 'A256GCM', cty: CTY, kid: 'default', purpose: PURPOSE, ...header })
    .encrypt(KEY)

describe('unseal never crashes: the sealed value, or INVALID_ARGUMENT', () => {
  it('refuses arbitrary strings, JWE-shaped strings and non-strings', async () => {
    const jweShaped = fc.array(b64url, { minLength: 5, maxLength: 5 }).map((parts) => parts.join('.'))
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.string(), fc.string({ unit: 'binary' }), jweShaped, anything),
        async (input) => {
          expect(await outcomeOf(input)).toEqual({ refused: true })
          expect(await outcomeOf(input, (x) => unsealSnapshot(x, KEY))).toEqual({ refused: true })
        },
      ),
      RUNS,
    )
  })

  it('refuses a real sealed snapshot changed in any way that changes its bytes', async () => {
    const original = { value: 'x', context: { vault: { cookies: 'PF=1' } } }
    const sealed = await seal(original, KEY, { purpose: PURPOSE })
    const mutated = fc.oneof(
      fc
        .tuple(fc.nat({ max: sealed.length - 1 }), fc.constantFrom(...'AQgw_-.x'))
        .map(([i, c]) =>
          sealed[i] === c
            ? `${sealed.slice(0, i)}${c === 'A' ? 'B' : 'A'}${sealed.slice(i + 1)}`
            : `${sealed.slice(0, i)}${c}${sealed.slice(i + 1)}`,
        ),
      fc.nat({ max: sealed.length - 1 }).map((n) => sealed.slice(0, n)),
      fc.string({ minLength: 1, maxLength: 8 }).map((extra) => `${sealed}${extra}`),
    )
    await fc.assert(
      fc.asyncProperty(mutated, async (input) => {
        fc.pre(input !== sealed)
        const outcome = await outcomeOf(input)
        // A change that decodes to the same bytes (base64url's spare bits, trailing blanks) may pass;
        // one that changes what is encrypted or authenticated never does.
        if ('value' in outcome) expect(outcome.value).toEqual(original)
      }),
      RUNS,
    )
  })

  it('refuses a genuine JWE under the right key whose content is not a deflated snapshot', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.uint8Array({ maxLength: 200 }),
          fc.string().map((s) => new Uint8Array(deflateRawSync(s))),
          fc.jsonValue().map((v) => new Uint8Array(deflateRawSync(JSON.stringify(v)))),
          fc.constant(new Uint8Array(deflateRawSync('null'))),
        ),
        fc.option(fc.constantFrom('json', 'JWT', 'redirectless-snapshot', ''), { nil: undefined }),
        async (plaintext, cty) => {
          const outcome = await outcomeOf(await encrypt(plaintext, cty === undefined ? {} : { cty }))
          // Only a deflated object with a future numeric `exp` is a snapshot; none of these is.
          if ('value' in outcome) throw new Error(`accepted ${JSON.stringify(outcome.value)}`)
        },
      ),
      RUNS,
    )
  })

  it('accepts a well-formed payload exactly when its exp is a number in the future', async () => {
    const now = Math.floor(Date.now() / 1000)
    const exp = fc.oneof(
      fc.integer({ min: now + 60, max: now + 10_000 }),
      fc.integer({ max: now - 1 }),
      anything,
    )
    await fc.assert(
      fc.asyncProperty(exp, fc.jsonValue(), async (e, snapshot) => {
        const payload = JSON.stringify({ exp: e, value: snapshot }, (_k, v: unknown) =>
          typeof v === 'bigint' ? String(v) : v,
        )
        const outcome = await outcomeOf(await encrypt(new Uint8Array(deflateRawSync(payload))))
        const parsed = JSON.parse(payload) as { exp: unknown; value: unknown }
        if (typeof parsed.exp === 'number' && parsed.exp > now + 1) {
          expect(outcome).toEqual({ value: parsed.value })
        } else if (!(typeof parsed.exp === 'number' && parsed.exp >= now - 1)) {
          expect(outcome).toEqual({ refused: true })
        }
      }),
      RUNS,
    )
  })
})

describe('unsealSnapshot takes nothing but a persisted hybrid login', () => {
  it("refuses any JSON value sealed for the login that is not one, and any purpose but the login's", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.jsonValue(),
        fc.constantFrom(HYBRID_LOGIN_PURPOSE, 'app-session'),
        async (value, purpose) => {
          const sealed = await seal(value, KEY, { purpose })
          const outcome = await outcomeOf(sealed, (x) => unsealSnapshot(x, KEY))
          expect(outcome).toEqual({ refused: true })
        },
      ),
      { numRuns: 100 },
    )
    // The control: a real one, sealed for the login, is taken.
    const persisted = {
      status: 'active',
      value: { pingFederate: 'awaitingInput' },
      context: { stage: 'pingFederate' },
      children: {},
    }
    expect(await unsealSnapshot(await sealSnapshot(persisted, KEY), KEY)).toEqual(persisted)
  })
})
