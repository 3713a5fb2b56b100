import type { ClientAuthMethod, PfClientConfig } from './config.js'
import { normalizeResponseType } from './config.js'
import { OAuthError } from './errors.js'
import { constantTimeEqual } from './users.js'

/** A client as the half uses it: config plus its response types in canonical form. */
export interface ClientRecord extends PfClientConfig {
  readonly normalizedResponseTypes: ReadonlySet<string>
}

/** The configured OAuth clients, looked up by id and authenticated at the token endpoint. */
export interface ClientRegistry {
  find(clientId: string): ClientRecord | undefined
  /**
   * Authenticates the caller of the token endpoint (RFC 6749 §2.3): HTTP Basic, secret in the form,
   * or `client_id` alone for public clients. Throws a 401 `invalid_client` {@link OAuthError}.
   */
  authenticate(request: Request, form: URLSearchParams): ClientRecord
}

/** Indexes the configured clients; their response types are normalised once here. */
export function createClientRegistry(clients: readonly PfClientConfig[]): ClientRegistry {
  const byId = new Map<string, ClientRecord>(
    clients.map((c) => [
      c.clientId,
      { ...c, normalizedResponseTypes: new Set(c.responseTypes.map(normalizeResponseType)) },
    ]),
  )

  return {
    find: (clientId) => byId.get(clientId),
    authenticate(request, form) {
      const basic = parseBasic(request.headers.get('authorization'))
      const challenge = basic ? { 'www-authenticate': 'Basic realm="PingFederate"' } : {}
      const fail = (description: string) => new OAuthError('invalid_client', description, 401, challenge)
      if (basic === null) throw fail('The Authorization header is not valid HTTP Basic.')
      const bodyId = form.get('client_id') ?? undefined
      const bodySecret = form.get('client_secret') ?? undefined
      if (form.has('client_assertion')) {
        throw fail('client_assertion authentication is not supported by this emulator.')
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
