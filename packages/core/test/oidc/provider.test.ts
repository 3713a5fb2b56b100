import { exportJWK, generateKeyPair, type JWK, SignJWT } from 'jose'
import { describe, expect, it } from 'vitest'
import { ProviderKeys, Transport, validateIdToken } from '../../src/index.js'

const issuer = 'https://pf.example'
const clientId = 'redirectless-demo'
const seconds = () => Math.floor(Date.now() / 1000)

async function key(kid: string) {
  const pair = await generateKeyPair('RS256', { extractable: true })
  const jwk = { ...(await exportJWK(pair.publicKey)), kid }
  const sign = () =>
    new SignJWT({ iss: issuer, aud: clientId, sub: 'joe', iat: seconds(), exp: seconds() + 300 })
      .setProtectedHeader({ alg: 'RS256', kid })
      .sign(pair.privateKey)
  return { jwk, sign }
}

/** An issuer whose JWKS answer the test changes; counts the JWKS fetches. */
function issuerServing(initial: { keys: JWK[] } | { status: number }) {
  let jwks = initial
  let fetches = 0
  let clock = 1_000_000
  const fetch = async (input: RequestInfo | URL) => {
    const url = input instanceof Request ? input.url : String(input)
    const discovery = url.endsWith('/openid-configuration')
    if (!discovery) fetches++
    const body = discovery ? { issuer, token_endpoint: `${issuer}/token`, jwks_uri: `${issuer}/jwks` } : jwks
    const status = 'status' in body ? body.status : 200
    return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })
  }
  const transport = new Transport({ baseUrl: issuer, fetch, retry: false })
  const provider = new ProviderKeys(
    transport,
    `${issuer}/.well-known/openid-configuration`,
    issuer,
    () => clock,
  )
  return {
    provider,
    serve: (next: typeof initial) => {
      jwks = next
    },
    fetches: () => fetches,
    advance: (ms: number) => {
      clock += ms
    },
  }
}

const verify = async (provider: ProviderKeys, token: string) =>
  (await validateIdToken(token, await provider.keyResolver(), { issuer, clientId })).sub

describe('ProviderKeys.keyResolver (jose over the JWKS the transport fetched)', () => {
  it('fetches the JWKS once for many tokens', async () => {
    const k1 = await key('k1')
    const issuerSide = issuerServing({ keys: [k1.jwk] })
    for (let i = 0; i < 3; i++) expect(await verify(issuerSide.provider, await k1.sign())).toBe('joe')
    expect(issuerSide.fetches()).toBe(1)
  })

  it('fetches the JWKS again, once per cooldown, when a token names a kid it does not have (rotation)', async () => {
    const k1 = await key('k1')
    const k2 = await key('k2')
    const issuerSide = issuerServing({ keys: [k1.jwk] })
    expect(await verify(issuerSide.provider, await k1.sign())).toBe('joe')
    issuerSide.advance(31_000)
    issuerSide.serve({ keys: [k1.jwk, k2.jwk] })
    expect(await verify(issuerSide.provider, await k2.sign())).toBe('joe')
    expect(issuerSide.fetches()).toBe(2)
    // Within the cooldown an unknown kid is refused from the cache, without another fetch.
    const k3 = await key('k3')
    issuerSide.serve({ keys: [k3.jwk] })
    await expect(verify(issuerSide.provider, await k3.sign())).rejects.toMatchObject({
      code: 'ID_TOKEN_INVALID',
      message: 'The id_token is invalid: no key of the issuer matches it',
    })
    expect(issuerSide.fetches()).toBe(2)
    issuerSide.advance(31_000)
    expect(await verify(issuerSide.provider, await k3.sign())).toBe('joe')
    expect(issuerSide.fetches()).toBe(3)
  })

  it('strips what a fetched JWKS leaks and skips entries it cannot use', async () => {
    const pair = await generateKeyPair('ES256', { extractable: true })
    const leaked = { ...(await exportJWK(pair.privateKey)), kid: 'e1' }
    const issuerSide = issuerServing({ keys: [42, null, { kid: 'x' }, leaked] as unknown as JWK[] })
    const token = await new SignJWT({
      iss: issuer,
      aud: clientId,
      sub: 'joe',
      iat: seconds(),
      exp: seconds() + 60,
    })
      .setProtectedHeader({ alg: 'ES256', kid: 'e1' })
      .sign(pair.privateKey)
    expect(await verify(issuerSide.provider, token)).toBe('joe')
  })

  it("passes a failed JWKS fetch through with the transport's code, and retries it next time", async () => {
    const k1 = await key('k1')
    const issuerSide = issuerServing({ status: 503 })
    await expect(issuerSide.provider.keyResolver()).rejects.toMatchObject({ code: 'SERVER_ERROR' })
    issuerSide.serve({ keys: [k1.jwk] })
    expect(await verify(issuerSide.provider, await k1.sign())).toBe('joe')
  })

  it('passes a failed refetch through validateIdToken unchanged', async () => {
    const k1 = await key('k1')
    const k2 = await key('k2')
    const issuerSide = issuerServing({ keys: [k1.jwk] })
    const resolver = await issuerSide.provider.keyResolver()
    issuerSide.advance(31_000)
    issuerSide.serve({ status: 503 })
    await expect(validateIdToken(await k2.sign(), resolver, { issuer, clientId })).rejects.toMatchObject({
      code: 'SERVER_ERROR',
    })
  })
})
