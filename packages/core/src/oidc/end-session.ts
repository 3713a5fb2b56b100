import type { SendOptions, Transport } from '../http/transport.js'
import { endpointError } from './endpoint-error.js'

/** An RP-initiated logout request (OpenID Connect RP-Initiated Logout 1.0 §2). */
export interface EndSession {
  readonly endSessionEndpoint: string
  readonly clientId: string
  readonly idTokenHint?: string | undefined
  /** Where the server sends the browser afterwards; must be registered for the client. */
  readonly postLogoutRedirectUri?: string | undefined
  readonly state?: string | undefined
}

/** What a sign-off answered. */
export interface EndSessionResult {
  /** The `Location` the server redirected to (the post-logout redirect URI), when it redirected. */
  readonly redirectedTo?: string | undefined
}

/** The logout URL with its query: a GET, as both products accept it. */
export function endSessionUrl(request: EndSession): URL {
  const url = new URL(request.endSessionEndpoint)
  if (request.idTokenHint !== undefined) url.searchParams.set('id_token_hint', request.idTokenHint)
  url.searchParams.set('client_id', request.clientId)
  if (request.postLogoutRedirectUri !== undefined)
    url.searchParams.set('post_logout_redirect_uri', request.postLogoutRedirectUri)
  if (request.state !== undefined) url.searchParams.set('state', request.state)
  return url
}

/**
 * Ends the user's session at the authorization server. The server finds the session by its cookie
 * (PingFederate's `PF`, PingOne's `ST`), so `options.fetch` must carry the jar of the flow that
 * signed in (a browser's platform cookies do). A redirect is the usual answer and is not followed;
 * a 2xx page (a "signed off" page) counts as done too. Never retried.
 */
export async function endSession(
  transport: Transport,
  request: EndSession,
  options: SendOptions = {},
): Promise<EndSessionResult> {
  const response = await transport.send(
    { method: 'GET', url: endSessionUrl(request) },
    { ...options, acceptRedirect: true, retry: false },
  )
  // A browser hands back an opaque redirect: status 0, no Location to read.
  if (response.status === 0) return {}
  if (response.status >= 300 && response.status < 400) {
    const location = response.headers.get('location')
    return location
      ? { redirectedTo: new URL(location, response.url || request.endSessionEndpoint).href }
      : {}
  }
  if (response.status >= 200 && response.status < 300) return {}
  throw endpointError(response, 'The sign-off request')
}
