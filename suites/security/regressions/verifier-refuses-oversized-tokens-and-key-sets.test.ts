/**
 * Issue 11, item 11. The id_token verifier took an id_token and a JWKS of any size: a hostile or
 * broken issuer could make a client split, decode and import without bound. Now an id_token over
 * 16 KiB is ID_TOKEN_INVALID ("too large") before it is read, and a JWKS answer over 64 KiB or with
 * more than 100 keys is INVALID_RESPONSE before a key is imported, on a real login as on the API.
 */
import { isRedirectlessError, validateIdToken } from '@redirectless/core'
import { createEmulator, type Emulator } from '@redirectless/emulator'
import { describe, expect, it } from 'vitest'
import { pfClient } from '../../reliability/support/clients.js'
import { finishPingFederate } from '../../reliability/support/drive.js'

type FetchLike = (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>

const MAX_ID_TOKEN = 16 * 1024
const MAX_JWKS_BYTES = 64 * 1024
const MAX_JWKS_KEYS = 100

/** The emulator, with one kind of answer (`route` matched on the path) rewritten by `rewrite`. */
function rewriting(
  emu: Emulator,
  route: RegExp,
  rewrite: (body: Record<string, unknown>) => unknown,
): FetchLike {
  return async (input, init) => {
    const response = await emu.fetch(input, init)
    const url = new URL(input instanceof Request ? input.url : String(input))
    if (!route.test(url.pathname) || response.status !== 200) return response
    const body = (await response.json()) as Record<string, unknown>
    return new Response(JSON.stringify(rewrite(body)), { status: 200, headers: response.headers })
  }
}

const JWKS = /\/pf\/JWKS$/
const TOKEN = /\/as\/token\.oauth2$/

/** Signs joe in at the emulator's PingFederate through `fetch`; returns the error it ends in. */
async function loginError(emu: Emulator, fetch: FetchLike): Promise<unknown> {
  const flow = await pfClient(emu, fetch).startFlow({ scope: 'openid profile' })
  return finishPingFederate(flow, 'joe').then(
    () => undefined,
    (error: unknown) => error,
  )
}

const codeOf = (error: unknown) => (isRedirectlessError(error) ? error.code : `not coded: ${String(error)}`)

describe('a login refuses what an issuer sends too much of', () => {
  it('the untouched login succeeds (the rewrites below are what fails)', async () => {
    const emu = createEmulator()
    expect(await loginError(emu, emu.fetch)).toBeUndefined()
  })

  it(`an id_token over ${MAX_ID_TOKEN / 1024} KiB is ID_TOKEN_INVALID, "too large"`, async () => {
    const emu = createEmulator()
    const inflate = (body: Record<string, unknown>) => {
      const [header, payload, signature] = String(body.id_token).split('.')
      return { ...body, id_token: `${header}.${payload}${'A'.repeat(MAX_ID_TOKEN)}.${signature}` }
    }
    const error = await loginError(emu, rewriting(emu, TOKEN, inflate))
    expect(codeOf(error)).toBe('ID_TOKEN_INVALID')
    expect((error as Error).message).toContain('too large')
  })

  it(`a JWKS listing more than ${MAX_JWKS_KEYS} keys is INVALID_RESPONSE`, async () => {
    const emu = createEmulator()
    const multiply = (body: Record<string, unknown>) => {
      // Certificates dropped: the count, not the size cap, is what this test reaches.
      const [{ x5c: _chain, ...key } = {}] = body.keys as Record<string, unknown>[]
      return { keys: Array.from({ length: MAX_JWKS_KEYS + 1 }, (_, i) => ({ ...key, kid: `k${i}` })) }
    }
    const error = await loginError(emu, rewriting(emu, JWKS, multiply))
    expect(codeOf(error)).toBe('INVALID_RESPONSE')
    expect((error as Error).message).toContain(`more than ${MAX_JWKS_KEYS} keys`)
  })

  it(`a JWKS answer over ${MAX_JWKS_BYTES / 1024} KiB is INVALID_RESPONSE`, async () => {
    const emu = createEmulator()
    const pad = (body: Record<string, unknown>) => ({ ...body, padding: 'x'.repeat(MAX_JWKS_BYTES) })
    const error = await loginError(emu, rewriting(emu, JWKS, pad))
    expect(codeOf(error)).toBe('INVALID_RESPONSE')
    expect((error as Error).message).toContain('larger than 64 KiB')
  })
})

describe('validateIdToken, called directly', () => {
  it('refuses an oversized token without asking its key resolver', async () => {
    let lookups = 0
    const keys = async () => {
      lookups++
      throw new Error('no key should be looked up')
    }
    const token = `eyJhbGciOiJSUzI1NiJ9.${'e'.repeat(MAX_ID_TOKEN)}.c2ln`
    const error = await validateIdToken(token, keys, { issuer: 'https://op.example', clientId: 'c' }).catch(
      (e: unknown) => e,
    )
    expect(codeOf(error)).toBe('ID_TOKEN_INVALID')
    expect((error as Error).message).toContain('too large')
    expect(lookups).toBe(0)
  })

  it(`refuses a JWKS of more than ${MAX_JWKS_KEYS} keys`, async () => {
    const key = { kty: 'RSA', n: 'AQAB', e: 'AQAB', alg: 'RS256' }
    const keys = { keys: Array.from({ length: MAX_JWKS_KEYS + 1 }, (_, i) => ({ ...key, kid: `k${i}` })) }
    const token = `${btoa(JSON.stringify({ alg: 'RS256', kid: 'k1' })).replace(/=+$/, '')}.e30.c2ln`
    const error = await validateIdToken(token, keys, { issuer: 'https://op.example', clientId: 'c' }).catch(
      (e: unknown) => e,
    )
    expect(codeOf(error)).toBe('INVALID_RESPONSE')
  })
})
