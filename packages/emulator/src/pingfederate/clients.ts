import { createLocalJWKSet, decodeJwt, decodeProtectedHeader, type JWTPayload, jwtVerify } from 'jose'
import type { EmulatorClock } from '../shared/clock.js'
import type { ClientAuthMethod, PfClientConfig } from './config.js'
import { normalizeResponseType } from './config.js'
import { OAuthError } from './errors.js'
import { constantTimeEqual } from './users.js'

/** RFC 7523 §2.2: the only `client_assertion_type`. */
export const JWT_BEARER = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer'
const HMAC_ALGS = ['HS256', 'HS384', 'HS512']
const KEY_ALGS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512']
/** The longest a client assertion may live (`exp - now`), as a bound on what a replay store keeps. */
const MAX_ASSERTION_SECONDS = 600

/** Where client assertions are checked: their `aud`, and the clock their `exp` is read on. */
export interface AssertionAudience {
  /** The token endpoint URL, the `aud` RFC 7523 §3 asks for; the issuer is accepted too. */
  readonly tokenEndpoint: string
  readonly issuer: string
  readonly clock: EmulatorClock
}

/** A client as the half uses it: config plus its response types in canonical form. */
export interface ClientRecord extends PfClientConfig {
  readonly normalizedResponseTypes: ReadonlySet<string>
}

/** The configured OAuth clients, looked up by id and authenticated at the token endpoint. */
export interface ClientRegistry {
  find(clientId: string): ClientRecord | undefined
  /**
   * Authenticates the caller of the token endpoint (RFC 6749 §2.3): HTTP Basic, secret in the form,
   * a signed `client_assertion` (`client_secret_jwt`, `private_key_jwt`; RFC 7523), or `client_id`
   * alone for public clients. Throws a 401 `invalid_client` {@link OAuthError}.
   */
  authenticate(request: Request, form: URLSearchParams): Promise<ClientRecord>
}

/** Indexes the configured clients; their response types are normalised once here. */
export function createClientRegistry(
  clients: readonly PfClientConfig[],
  audience: AssertionAudience,
): ClientRegistry {
  // The `jti`s of accepted assertions, until they expire: an assertion is good for one request.
  const usedJtis = new Map<string, number>()
  const byId = new Map<string, ClientRecord>(
    clients.map((c) => [
      c.clientId,
      { ...c, normalizedResponseTypes: new Set(c.responseTypes.map(normalizeResponseType)) },
    ]),
  )

  return {
    find: (clientId) => byId.get(clientId),
    async authenticate(request, form) {
      const basic = parseBasic(request.headers.get('authorization'))
      const challenge = basic ? { 'www-authenticate': 'Basic realm="PingFederate"' } : {}
      const fail = (description: string) => new OAuthError('invalid_client', description, 401, challenge)
      if (basic === null) throw fail('The Authorization header is not valid HTTP Basic.')
      const bodyId = form.get('client_id') ?? undefined
      const bodySecret = form.get('client_secret') ?? undefined
      const assertion = form.get('client_assertion')
      if (assertion !== null) {
        if (basic || bodySecret !== undefined) {
          throw new OAuthError('invalid_request', 'Use only one client authentication method.')
        }
        return verifyAssertion(assertion, form, bodyId, fail)
      }
      if (basic && bodySecret !== undefined) {
        throw new OAuthError('invalid_request', 'Use only one client authentication method.')
      }
      if (basic && bodyId !== undefined && bodyId !== basic.id) {
        throw fail('client_id does not match the credentials.')
      }
      const clientId = basic?.id ?? bodyId
      if (!clientId) throw fail('Client authentication is required.')
      const client = byId.get(clientId)
      if (!client) throw fail('Client authentication failed.')
      const method: ClientAuthMethod = basic
        ? 'client_secret_basic'
        : bodySecret !== undefined
          ? 'client_secret_post'
          : 'none'
      if (!client.tokenEndpointAuthMethods.includes(method)) {
        throw fail(`Client authentication method ${method} is not allowed for this client.`)
      }
      if (method !== 'none') {
        const secret = basic ? basic.secret : (bodySecret ?? '')
        if (!client.clientSecret || !constantTimeEqual(client.clientSecret, secret)) {
          throw fail('Client authentication failed.')
        }
      }
      return client
    },
  }

  async function verifyAssertion(
    assertion: string,
    form: URLSearchParams,
    bodyId: string | undefined,
    fail: (description: string) => OAuthError,
  ): Promise<ClientRecord> {
    if (form.get('client_assertion_type') !== JWT_BEARER) {
      throw fail(`client_assertion_type must be ${JWT_BEARER}.`)
    }
    let alg: string | undefined
    let named: string | undefined
    try {
      alg = decodeProtectedHeader(assertion).alg
      const claims = decodeJwt(assertion)
      named = typeof claims.sub === 'string' ? claims.sub : undefined
    } catch {
      throw fail('The client assertion is not a JWT.')
    }
    // The assertion names its client (iss = sub = client_id); a client_id sent beside it must agree.
    if (bodyId !== undefined && bodyId !== named) throw fail('client_id does not match the client assertion.')
    const client = named === undefined ? undefined : byId.get(named)
    if (!client) throw fail('Client authentication failed.')
    const hmac = alg !== undefined && HMAC_ALGS.includes(alg)
    const method: ClientAuthMethod = hmac ? 'client_secret_jwt' : 'private_key_jwt'
    if (!client.tokenEndpointAuthMethods.includes(method)) {
      throw fail(`Client authentication method ${method} is not allowed for this client.`)
    }
    let payload: JWTPayload
    try {
      const options = {
        issuer: client.clientId,
        subject: client.clientId,
        audience: [audience.tokenEndpoint, audience.issuer],
        algorithms: hmac ? HMAC_ALGS : KEY_ALGS,
        currentDate: new Date(audience.clock.now()),
        requiredClaims: ['exp', 'jti'],
      }
      if (hmac) {
        if (!client.clientSecret) throw fail('Client authentication failed.')
        ;({ payload } = await jwtVerify(assertion, new TextEncoder().encode(client.clientSecret), options))
      } else {
        const jwks = createLocalJWKSet({ keys: [...(client.jwks?.keys ?? [])] })
        ;({ payload } = await jwtVerify(assertion, jwks, options))
      }
    } catch (error) {
      if (error instanceof OAuthError) throw error
      throw fail('The client assertion is invalid (signature, iss, sub, aud or exp).')
    }
    const now = audience.clock.now()
    const exp = (payload.exp as number) * 1000
    if (exp - now > MAX_ASSERTION_SECONDS * 1000) throw fail('The client assertion lives too long.')
    for (const [jti, until] of usedJtis) if (until <= now) usedJtis.delete(jti)
    const key = `${client.clientId} ${String(payload.jti)}`
    if (usedJtis.has(key)) throw fail('The client assertion has been used before.')
    usedJtis.set(key, exp)
    return client
  }
}

/**
 * Reads `Authorization: Basic …`. `undefined` when absent (or another scheme), `null` when it is
 * Basic but broken. Both halves are form-urlencoded before base64 (RFC 6749 §2.3.1).
 */
function parseBasic(header: string | null): { id: string; secret: string } | null | undefined {
  if (!header) return undefined
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header)
  if (!match?.[1]) return /^Basic\b/i.test(header) ? null : undefined
  let decoded: string
  try {
    decoded = new TextDecoder('utf-8', { fatal: true }).decode(
      Uint8Array.from(atob(match[1]), (c) => c.charCodeAt(0)),
    )
  } catch {
    return null
  }
  const colon = decoded.indexOf(':')
  if (colon < 0) return null
  try {
    return {
      id: decodeURIComponent(decoded.slice(0, colon).replace(/\+/g, ' ')),
      secret: decodeURIComponent(decoded.slice(colon + 1).replace(/\+/g, ' ')),
    }
  } catch {
    return null
  }
}
