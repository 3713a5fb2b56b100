import { createRemoteJWKSet, type JWTPayload, jwtVerify } from 'jose'

/** What the backend trusts a PingFederate id_token for: this issuer, this client, a fresh sign-in. */
export interface IdTokenPolicy {
  /** PingFederate's issuer (its base URL); its discovery document names the JWKS. */
  readonly issuer: string
  /** The SPA's PingFederate client id: the `aud` the token must carry. */
  readonly audience: string
  /** How old the sign-in may be, in seconds. Default 300: the hint is asked for right after it. */
  readonly maxAgeSeconds?: number
}

/**
 * A checker of PingFederate id_tokens: signature against the issuer's JWKS (found through its
 * discovery document, fetched once and cached by jose), `iss`, `aud`, `exp`, and an `iat` no
 * older than `maxAgeSeconds`. Resolves with the claims, or rejects (never saying why to the caller's
 * client: the route answers 401 either way).
 */
export function createIdTokenVerifier(policy: IdTokenPolicy) {
  let keys: Promise<ReturnType<typeof createRemoteJWKSet>> | undefined
  const keySet = async () => {
    const response = await fetch(`${policy.issuer}/.well-known/openid-configuration`, {
      signal: AbortSignal.timeout(5_000),
      redirect: 'error',
    })
    const discovery = (await response.json()) as { issuer?: unknown; jwks_uri?: unknown }
    if (discovery.issuer !== policy.issuer || typeof discovery.jwks_uri !== 'string') {
      throw new Error('PingFederate discovery names another issuer or no JWKS')
    }
    return createRemoteJWKSet(new URL(discovery.jwks_uri), { timeoutDuration: 5_000 })
  }
  return async (idToken: string): Promise<JWTPayload & { sub: string }> => {
    keys ??= keySet().catch((error: unknown) => {
      keys = undefined // a failed discovery is tried again on the next request
      throw error
    })
    const { payload } = await jwtVerify(idToken, await keys, {
      issuer: policy.issuer,
      audience: policy.audience,
      maxTokenAge: policy.maxAgeSeconds ?? 300,
      algorithms: ['RS256', 'ES256', 'PS256'],
    })
    if (typeof payload.sub !== 'string' || payload.sub === '')
      throw new Error('The id_token names no subject')
    return payload as JWTPayload & { sub: string }
  }
}
