import { type ErrorCode, isRedirectlessError } from '@redirectless/core'
import { createEmulator, type Emulator, type Product } from '@redirectless/emulator'
import { exportSPKI, generateKeyPair, importJWK, type JWK, type JWTPayload } from 'jose'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loginHintFor, otpFor, PASSWORD, p1Client, pfClient } from '../reliability/support/clients.js'
import { attackerKey, type Forgery, forgingFetch, sign, unsecured } from './support/forge.js'

type Channel = 'code' | 'implicit'
const CHANNELS: Readonly<Record<Channel, string>> = {
  code: 'code flow: the id_token from the token endpoint',
  implicit: 'implicit flow: the id_token from the authorization response',
}

const attacker = await generateKeyPair('RS256', { extractable: true })
const now = () => Math.floor(Date.now() / 1000)

/** What a forgery needs to know about the honest issuer. */
interface Issuer {
  readonly jwks: { readonly keys: readonly JWK[] }
  readonly kid: string
  readonly publicKeyPem: string
}

interface Attack {
  readonly name: string
  readonly forgery: (issuer: Issuer) => Promise<Forgery> | Forgery
  /** Undefined: the control case, which must succeed. */
  readonly code: ErrorCode | undefined
  readonly channels?: readonly Channel[]
}

/**
 * Passes the attacker's key off as the issuer's (the JWKS answer is replaced) and re-signs every
 * id_token with it after `mutate`: the signature then verifies, so only the claim checks stand
 * between the client and the forged claims.
 */
const impersonating =
  (mutate: (claims: JWTPayload) => JWTPayload) =>
  async (issuer: Issuer): Promise<Forgery> => ({
    jwks: { keys: [await attackerKey(attacker, issuer.kid)] },
    idToken: (claims) => sign(mutate({ ...claims }), 'RS256', attacker.privateKey, { kid: issuer.kid }),
  })

const without = (name: string) => (claims: JWTPayload) => {
  const { [name]: _dropped, ...rest } = claims
  return rest
}

const ATTACKS: readonly Attack[] = [
  // The harness itself: an honest token re-signed under the impersonated key is accepted, so every
  // refusal below is the claim check's doing, not the harness's.
  {
    name: 'control: honest claims re-signed with the key the JWKS names',
    forgery: impersonating((c) => c),
    code: undefined,
  },
  {
    name: 'alg: none',
    forgery: () => ({ idToken: (c, h) => unsecured(c, { kid: h.kid }) }),
    code: 'ID_TOKEN_INVALID',
  },
  {
    name: "signed with the attacker's key under the issuer's kid",
    forgery: () => ({ idToken: (c, h) => sign(c, 'RS256', attacker.privateKey, { kid: h.kid }) }),
    code: 'ID_TOKEN_INVALID',
  },
  {
    name: "signed with the attacker's key under a kid the issuer does not have",
    forgery: () => ({ idToken: (c) => sign(c, 'RS256', attacker.privateKey, { kid: 'attacker-kid' }) }),
    code: 'ID_TOKEN_INVALID',
  },
  {
    name: "RS256 with the attacker's public key embedded in the header (jwk)",
    forgery: async (issuer) => {
      const jwk = await attackerKey(attacker, issuer.kid)
      return { idToken: (c) => sign(c, 'RS256', attacker.privateKey, { kid: issuer.kid, jwk }) }
    },
    code: 'ID_TOKEN_INVALID',
  },
  {
    name: "HS256 keyed with the issuer's RSA public key (PEM)",
    forgery: (issuer) => ({
      idToken: (c) => sign(c, 'HS256', new TextEncoder().encode(issuer.publicKeyPem), { kid: issuer.kid }),
    }),
    code: 'ID_TOKEN_INVALID',
  },
  {
    name: "HS256 keyed with the issuer's JWK (JSON)",
    forgery: (issuer) => ({
      idToken: (c) =>
        sign(c, 'HS256', new TextEncoder().encode(JSON.stringify(issuer.jwks.keys[0])), { kid: issuer.kid }),
    }),
    code: 'ID_TOKEN_INVALID',
  },
  {
    name: 'wrong iss',
    forgery: impersonating((c) => ({ ...c, iss: 'https://attacker.example' })),
    code: 'ID_TOKEN_INVALID',
  },
  {
    name: 'wrong aud',
    forgery: impersonating((c) => ({ ...c, aud: 'another-client' })),
    code: 'ID_TOKEN_INVALID',
  },
  {
    name: 'aud naming a second client, without azp',
    forgery: impersonating((c) => ({ ...c, aud: [String(c.aud), 'another-client'] })),
    code: 'ID_TOKEN_INVALID',
  },
  {
    name: 'azp of another client',
    forgery: impersonating((c) => ({ ...c, azp: 'another-client' })),
    code: 'ID_TOKEN_INVALID',
  },
  {
    name: 'expired an hour ago',
    forgery: impersonating((c) => ({ ...c, iat: now() - 7200, exp: now() - 3600 })),
    code: 'ID_TOKEN_INVALID',
  },
  {
    name: 'not valid for another hour (nbf)',
    forgery: impersonating((c) => ({ ...c, nbf: now() + 3600 })),
    code: 'ID_TOKEN_INVALID',
  },
  {
    name: 'nonce of another flow',
    forgery: impersonating((c) => ({ ...c, nonce: 'nonce-of-another-flow' })),
    code: 'ID_TOKEN_INVALID',
  },
  { name: 'nonce removed', forgery: impersonating(without('nonce')), code: 'ID_TOKEN_INVALID' },
  { name: 'sub removed', forgery: impersonating(without('sub')), code: 'ID_TOKEN_INVALID' },
  { name: 'exp removed', forgery: impersonating(without('exp')), code: 'ID_TOKEN_INVALID' },
  {
    // Only a token that travels with an access token can be bound to it.
    name: 'at_hash of another access token',
    forgery: impersonating((c) => ({ ...c, at_hash: 'AAAAAAAAAAAAAAAAAAAAAA' })),
    code: 'ID_TOKEN_INVALID',
    channels: ['code'],
  },
  {
    name: 'state of another flow',
    forgery: () => ({ state: () => 'state-of-another-flow' }),
    code: 'STATE_MISMATCH',
  },
  { name: 'state removed', forgery: () => ({ state: () => undefined }), code: 'STATE_MISMATCH' },
]

async function issuerOf(emu: Emulator, product: Product): Promise<Issuer> {
  const url = product === 'pingfederate' ? emu.pingFederate.endpoints.jwks : `${emu.pingOne.issuer}/jwks`
  const jwks = (await (await emu.fetch(url)).json()) as { keys: JWK[] }
  const key = jwks.keys[0] as JWK
  const publicKeyPem = await exportSPKI((await importJWK(key, 'RS256', { extractable: true })) as CryptoKey)
  return { jwks, kid: String(key.kid), publicKeyPem }
}

describe.each(['pingfederate', 'pingone'] as const)('%s: complete() refuses a forged answer', (product) => {
  const emu = createEmulator()
  let forgery: Forgery = {}
  let issuer: Issuer
  beforeAll(async () => {
    issuer = await issuerOf(emu, product)
  })
  afterAll(() => emu.close())

  /** Runs joe's login to COMPLETED through the forging fetch and calls complete(). */
  async function complete(channel: Channel) {
    // A new client per case: clients cache the issuer's JWKS.
    const fetch = forgingFetch(emu, emu.fetch, () => forgery)
    const responseType = channel === 'code' ? 'code' : 'id_token'
    if (product === 'pingfederate') {
      const flow = await pfClient(emu, fetch).startFlow({ scope: 'openid profile', responseType })
      await flow.submit('checkUsernamePassword', { username: 'joe', password: PASSWORD })
      return flow.complete()
    }
    const loginHintToken = await loginHintFor(emu, 'joe')
    // PingOne's echo of `state` is undocumented, so the client sends one only when asked.
    const flow = await p1Client(emu, fetch).startFlow({
      scope: 'openid',
      acrValues: 'MFA-Only',
      loginHintToken,
      responseType,
      state: `p1-state-${crypto.randomUUID()}`,
    })
    await flow.submit('otp.check', { otp: otpFor(emu, 'joe', flow.state.id) })
    return flow.complete()
  }

  describe.each(Object.keys(CHANNELS) as Channel[])('%s', (channel) => {
    const attacks = ATTACKS.filter((a) => !a.channels || a.channels.includes(channel))
    it.for(attacks.map((a) => [a.name, a] as const))('%s', async ([, attack]) => {
      forgery = await attack.forgery(issuer)
      const outcome = await complete(channel).then(
        (result) => ({ ok: true as const, sub: result.claims?.sub }),
        (error: unknown) => ({ ok: false as const, error }),
      )
      if (attack.code === undefined) {
        expect(outcome).toMatchObject({ ok: true, sub: expect.any(String) })
        return
      }
      expect(outcome.ok, 'the forged answer was accepted').toBe(false)
      const error = (outcome as { error: unknown }).error
      expect(isRedirectlessError(error) ? error.code : error).toBe(attack.code)
      // The refusal does not carry the forged token back out.
      expect(JSON.stringify(error) + String(error)).not.toMatch(/eyJ[\w-]+\.[\w-]*\./)
    })
  })
})

describe('pingfederate: a hybrid response whose two id_tokens name different users', () => {
  it('is refused even though each token verifies on its own', async () => {
    const emu = createEmulator()
    const issuer = await issuerOf(emu, 'pingfederate')
    let tokens = 0
    // The first id_token (front channel) keeps joe; the second (token endpoint) says ann.
    const forgery: Forgery = {
      jwks: { keys: [await attackerKey(attacker, issuer.kid)] },
      idToken: (claims) =>
        sign({ ...claims, ...(tokens++ > 0 && { sub: 'ann' }) }, 'RS256', attacker.privateKey, {
          kid: issuer.kid,
        }),
    }
    const flow = await pfClient(
      emu,
      forgingFetch(emu, emu.fetch, () => forgery),
    ).startFlow({
      scope: 'openid',
      responseType: 'code id_token',
    })
    await flow.submit('checkUsernamePassword', { username: 'joe', password: PASSWORD })
    await expect(flow.complete()).rejects.toMatchObject({ code: 'ID_TOKEN_INVALID' })
    expect(tokens).toBe(2)
    await emu.close()
  })
})
