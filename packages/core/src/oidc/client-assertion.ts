import type { JWK } from 'jose'
import { SignJWT } from 'jose/jwt/sign'
import { importJWK } from 'jose/key/import'
import { ErrorCodes } from '../errors/codes.js'
import { RedirectlessError } from '../errors/redirectless-error.js'
import { cryptoRandomBytes, randomToken } from './random.js'
import type { ClientAssertionSigner, ClientCredentials, ClientPrivateKey } from './types.js'

/** How long a client assertion lives: one token request, with room for clock skew. */
const ASSERTION_SECONDS = 60

/**
 * The `client_assertion` of a `client_secret_jwt` or `private_key_jwt` client (RFC 7523 §3, OIDC
 * Core §9): `iss` = `sub` = the client id, `aud` = the token endpoint, `iat`, `exp` one minute
 * later, a random `jti`; HS256 over the secret, or signed with the private key.
 *
 * A {@link ClientAssertionSigner}: the packages' Node entries hand it to their clients; the browser
 * entries do not, so browser bundles never carry jose's signing code (these methods are for
 * confidential clients, on servers).
 */
export const createClientAssertion: ClientAssertionSigner = async (
  client: ClientCredentials,
  tokenEndpoint: string,
  now: () => number = Date.now,
): Promise<string> => {
  const iat = Math.floor(now() / 1000)
  const jwt = new SignJWT({ jti: randomToken(cryptoRandomBytes) })
    .setIssuer(client.clientId)
    .setSubject(client.clientId)
    .setAudience(tokenEndpoint)
    .setIssuedAt(iat)
    .setExpirationTime(iat + ASSERTION_SECONDS)
  if (client.authMethod === 'client_secret_jwt') {
    if (!client.clientSecret) throw invalid('client_secret_jwt needs clientSecret')
    return jwt
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .sign(new TextEncoder().encode(client.clientSecret))
  }
  const privateKey = client.privateKey
  if (!privateKey) throw invalid('private_key_jwt needs clientPrivateKey')
  const { key, alg, kid } = await signingKey(privateKey)
  return jwt.setProtectedHeader({ alg, typ: 'JWT', ...(kid !== undefined && { kid }) }).sign(key)
}

async function signingKey(
  input: ClientPrivateKey,
): Promise<{ key: CryptoKey | Uint8Array; alg: string; kid: string | undefined }> {
  if (typeof input?.key !== 'object' || !input.key)
    throw invalid('clientPrivateKey must be { key, alg?, kid? }')
  for (const name of ['alg', 'kid'] as const) {
    if (input[name] !== undefined && (typeof input[name] !== 'string' || input[name] === ''))
      throw invalid(`clientPrivateKey.${name} must be a non-empty string`)
  }
  const isJwk = !(typeof CryptoKey !== 'undefined' && input.key instanceof CryptoKey)
  // A JWK's `kid` is not in the DOM's JsonWebKey type, but is in the object when the JWK has one.
  const jwk = isJwk ? (input.key as JWK) : undefined
  const alg = input.alg ?? jwk?.alg ?? (jwk ? algOfJwk(jwk) : algOfCryptoKey(input.key as CryptoKey))
  if (!alg) throw invalid('clientPrivateKey.alg is needed: the key type does not say which algorithm to use')
  const kid = input.kid ?? (typeof jwk?.kid === 'string' ? jwk.kid : undefined)
  if (!jwk) return { key: input.key as CryptoKey, alg, kid }
  if (typeof jwk.d !== 'string') throw invalid('clientPrivateKey must be a private key')
  try {
    return { key: await importJWK(jwk, alg), alg, kid }
  } catch {
    // jose's message may quote key material; the caller only needs to know which option is wrong.
    throw invalid('clientPrivateKey is not a usable private JWK for its algorithm')
  }
}

function algOfJwk(jwk: JWK): string | undefined {
  if (jwk.kty === 'RSA') return 'RS256'
  if (jwk.kty === 'EC')
    return ({ 'P-256': 'ES256', 'P-384': 'ES384', 'P-521': 'ES512' } as const)[jwk.crv as 'P-256']
  if (jwk.kty === 'OKP' && jwk.crv === 'Ed25519') return 'EdDSA'
  return undefined
}

function algOfCryptoKey(key: CryptoKey): string | undefined {
  const algorithm = key.algorithm as { name: string; hash?: { name: string }; namedCurve?: string }
  const bits = algorithm.hash?.name.replace('SHA-', '')
  switch (algorithm.name) {
    case 'RSASSA-PKCS1-v1_5':
      return bits ? `RS${bits}` : undefined
    case 'RSA-PSS':
      return bits ? `PS${bits}` : undefined
    case 'ECDSA':
      return ({ 'P-256': 'ES256', 'P-384': 'ES384', 'P-521': 'ES512' } as const)[
        algorithm.namedCurve as 'P-256'
      ]
    case 'Ed25519':
      return 'EdDSA'
    default:
      return undefined
  }
}

function invalid(message: string): RedirectlessError {
  return new RedirectlessError(ErrorCodes.INVALID_ARGUMENT, message)
}
