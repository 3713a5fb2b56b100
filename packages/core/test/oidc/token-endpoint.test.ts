import { decodeJwt, exportJWK, generateKeyPair, jwtVerify } from 'jose'
import { describe, expect, it } from 'vitest'
import {
  codeExchangeRequest,
  createClientAssertion,
  exchangeCode,
  JWT_BEARER_ASSERTION,
  Transport,
  usesClientAssertion,
} from '../../src/index.js'

const base = {
  tokenEndpoint: 'https://pf.example/as/token.oauth2',
  code: 'c0de',
  codeVerifier: 'v',
  redirectUri: 'app://cb',
}

describe('codeExchangeRequest', () => {
  it('sends client_id only for public clients', () => {
    const req = codeExchangeRequest({ ...base, client: { clientId: 'demo', authMethod: 'none' } })
    expect(Object.fromEntries(new URLSearchParams(req.body))).toEqual({
      grant_type: 'authorization_code',
      code: 'c0de',
      redirect_uri: 'app://cb',
      code_verifier: 'v',
      client_id: 'demo',
    })
    expect(req.headers.authorization).toBeUndefined()
  })

  it('form-encodes Basic credentials (RFC 6749 §2.3.1)', () => {
    const req = codeExchangeRequest({
      ...base,
      client: { clientId: 'bff:1', clientSecret: 'p@ss w', authMethod: 'client_secret_basic' },
    })
    expect(req.headers.authorization).toBe(`Basic ${btoa('bff%3A1:p%40ss+w')}`)
    expect(new URLSearchParams(req.body).has('client_secret')).toBe(false)
  })

  it('puts the secret in the body for client_secret_post', () => {
    const req = codeExchangeRequest({
      ...base,
      client: { clientId: 'bff', clientSecret: 's', authMethod: 'client_secret_post' },
    })
    expect(new URLSearchParams(req.body).get('client_secret')).toBe('s')
  })

  it('refuses a secret-based method without a secret', () => {
    expect(() =>
      codeExchangeRequest({ ...base, client: { clientId: 'bff', authMethod: 'client_secret_basic' } }),
    ).toThrowError(expect.objectContaining({ code: 'INVALID_ARGUMENT' }))
  })
})

describe('client assertions (client_secret_jwt, private_key_jwt; RFC 7523)', () => {
  const TOKEN = 'https://pf.example/as/token.oauth2'
  const secret = 'a-client-secret-of-at-least-32-bytes!'

  it('puts the assertion, its type and client_id in the form, and refuses to build without one', () => {
    const client = { clientId: 'jwt', clientSecret: secret, authMethod: 'client_secret_jwt' } as const
    const req = codeExchangeRequest({ ...base, client }, 'the.signed.jwt')
    const form = new URLSearchParams(req.body)
    expect(form.get('client_assertion_type')).toBe(JWT_BEARER_ASSERTION)
    expect(form.get('client_assertion')).toBe('the.signed.jwt')
    expect(form.get('client_id')).toBe('jwt')
    expect(form.has('client_secret')).toBe(false)
    expect(req.headers.authorization).toBeUndefined()
    expect(() => codeExchangeRequest({ ...base, client })).toThrowError(
      expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
    )
    expect(usesClientAssertion(client)).toBe(true)
    expect(usesClientAssertion({ clientId: 'x', authMethod: 'client_secret_post', clientSecret: 's' })).toBe(
      false,
    )
  })

  it('client_secret_jwt: HS256 over the secret, iss = sub = client_id, aud = token endpoint, one minute, a fresh jti', async () => {
    const client = { clientId: 'jwt', clientSecret: secret, authMethod: 'client_secret_jwt' } as const
    const now = () => 1_700_000_000_000
    const one = await createClientAssertion(client, TOKEN, now)
    const two = await createClientAssertion(client, TOKEN, now)
    const { payload, protectedHeader } = await jwtVerify(one, new TextEncoder().encode(secret), {
      currentDate: new Date(now()),
      audience: TOKEN,
      issuer: 'jwt',
      subject: 'jwt',
    })
    expect(protectedHeader).toEqual({ alg: 'HS256', typ: 'JWT' })
    expect(payload.exp).toBe(1_700_000_060)
    expect(payload.iat).toBe(1_700_000_000)
    expect(payload.jti).toEqual(expect.any(String))
    expect(decodeJwt(two).jti).not.toBe(payload.jti)
  })

  it('private_key_jwt: a private JWK (alg from its type, kid in the header) or a CryptoKey', async () => {
    const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true })
    const jwk = { ...(await exportJWK(privateKey)), kid: 'k1' }
    const fromJwk = await createClientAssertion(
      { clientId: 'pk', authMethod: 'private_key_jwt', privateKey: { key: jwk } },
      TOKEN,
    )
    expect((await jwtVerify(fromJwk, publicKey, { audience: TOKEN })).protectedHeader).toEqual({
      alg: 'ES256',
      typ: 'JWT',
      kid: 'k1',
    })
    const rsa = await generateKeyPair('PS256')
    const fromKey = await createClientAssertion(
      { clientId: 'pk', authMethod: 'private_key_jwt', privateKey: { key: rsa.privateKey, kid: 'r1' } },
      TOKEN,
    )
    expect((await jwtVerify(fromKey, rsa.publicKey)).protectedHeader.alg).toBe('PS256')
  })

  it('exchangeCode signs with the client’s assertionSigner, and refuses without one (a browser entry)', async () => {
    const seen: string[] = []
    const transport = new Transport({
      baseUrl: 'https://pf.example',
      fetch: async (_input, init) => {
        seen.push(String(init?.body))
        return Response.json({ access_token: 'a', token_type: 'Bearer' })
      },
    })
    const client = { clientId: 'jwt', clientSecret: secret, authMethod: 'client_secret_jwt' } as const
    const exchange = { ...base, tokenEndpoint: TOKEN }
    await expect(exchangeCode(transport, { ...exchange, client })).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
      message: expect.stringContaining('Node entry'),
    })
    expect(seen).toEqual([])
    const tokens = await exchangeCode(transport, {
      ...exchange,
      client: { ...client, assertionSigner: createClientAssertion },
    })
    expect(tokens.access_token).toBe('a')
    expect(new URLSearchParams(seen[0]).get('client_assertion')?.split('.')).toHaveLength(3)
  })

  it('refuses a public JWK, a key it cannot name an algorithm for, and a missing key, without quoting them', async () => {
    const { publicKey } = await generateKeyPair('ES256', { extractable: true })
    const publicJwk = await exportJWK(publicKey)
    const fail = (privateKey: unknown) =>
      createClientAssertion(
        { clientId: 'pk', authMethod: 'private_key_jwt', privateKey: privateKey as never },
        TOKEN,
      ).catch((e) => e)
    const publicOnly = await fail({ key: publicJwk })
    expect(publicOnly).toMatchObject({ code: 'INVALID_ARGUMENT' })
    expect(String(publicOnly.message)).not.toContain(String(publicJwk.x))
    expect(await fail({ key: { kty: 'oct', k: 'abc' } })).toMatchObject({ code: 'INVALID_ARGUMENT' })
    expect(await fail(undefined)).toMatchObject({ code: 'INVALID_ARGUMENT' })
    expect(await fail({ key: 'a PEM string' })).toMatchObject({
      message: expect.stringContaining('clientPrivateKey must be'),
    })
    expect(await fail({ key: { kty: 'EC', d: 'x' }, kid: '' })).toMatchObject({
      message: expect.stringContaining('clientPrivateKey.kid'),
    })
  })
})
