import { ErrorCodes } from '../errors/codes.js'
import { displayUrl } from '../errors/redact.js'
import { RedirectlessError, sanitizeServerError } from '../errors/redirectless-error.js'
import { errorFromResponse } from '../http/response-errors.js'
import type { HttpResponse } from '../http/types.js'

/**
 * The coded error of a refused OAuth back-channel call (refresh, revocation, userinfo): 429 and 5xx
 * as every call, any other refusal `TOKEN_ERROR` with the OAuth `error` as `server.code`, read from
 * the body or, for a bearer-token refusal that has none, from `WWW-Authenticate` (RFC 6750 §3).
 */
export function endpointError(response: HttpResponse, operation: string): RedirectlessError {
  if (response.status === 429 || response.status >= 500)
    return errorFromResponse(response, { operation, clientErrorCode: ErrorCodes.TOKEN_ERROR })
  const body = response.json
  let server =
    body && typeof body === 'object' && !Array.isArray(body) ? sanitizeServerError(body) : undefined
  if (!server?.code) {
    const challenge = bearerChallenge(response.headers.get('www-authenticate'))
    if (challenge.error !== undefined)
      server = sanitizeServerError({ error: challenge.error, error_description: challenge.error_description })
  }
  const says = server?.code ? `: ${server.code}${server.message ? ` — ${server.message}` : ''}` : ''
  return new RedirectlessError(
    ErrorCodes.TOKEN_ERROR,
    `${operation} (${displayUrl(response.url)}) was refused with HTTP ${response.status}${says}`,
    { status: response.status, ...(server?.code && { server }) },
  )
}

/** The `error` and `error_description` of a `Bearer` challenge, e.g. `Bearer error="invalid_token"`. */
function bearerChallenge(header: string | null): { error?: string; error_description?: string } {
  if (!header || !/^\s*bearer\b/i.test(header)) return {}
  const out: Record<string, string> = {}
  for (const match of header.matchAll(/(error|error_description)="([^"]*)"/gi)) {
    const [, name, value] = match
    if (name && value !== undefined) out[name.toLowerCase()] = value
  }
  return out
}
