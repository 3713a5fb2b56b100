import { ErrorCodes } from '../errors/codes.js'
import { displayUrl } from '../errors/redact.js'
import { RedirectlessError, sanitizeServerError } from '../errors/redirectless-error.js'
import type { HttpResponse } from './types.js'

/** How {@link errorFromResponse} names and codes an error answer. */
export interface ErrorContext {
  /** Server codes that mean the flow is gone (PingFederate `RESOURCE_NOT_FOUND`, PingOne `NOT_FOUND`). */
  readonly goneCodes?: readonly string[]
  /** The flow status at the time, kept on the error. */
  readonly flowStatus?: string | undefined
  /** What was being done, for the message ("checkUsernamePassword", "token exchange"). */
  readonly operation: string
  /** The code for a 4xx with an error body; `FLOW_ERROR` by default. */
  readonly clientErrorCode?: RedirectlessError['code']
}

/** Seconds from a `Retry-After` header (delta-seconds or HTTP date), if any. */
export function retryAfterSeconds(headers: Headers, now = Date.now()): number | undefined {
  const raw = headers.get('retry-after')
  if (!raw) return undefined
  const seconds = Number(raw)
  if (Number.isFinite(seconds) && seconds >= 0) return seconds
  const date = Date.parse(raw)
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - now) / 1000))
}

/** The coded error for a non-2xx answer. */
export function errorFromResponse(response: HttpResponse, context: ErrorContext): RedirectlessError {
  const { status } = response
  const body = response.json
  const hasBody = !!body && typeof body === 'object' && !Array.isArray(body)
  const server = hasBody ? sanitizeServerError(body) : undefined
  const options = {
    status,
    ...(server && { server }),
    ...(context.flowStatus !== undefined && { flowStatus: context.flowStatus }),
  }
  const where = `${context.operation} (${displayUrl(response.url)})`
  const serverSays = server?.code ? `: ${server.code}${server.message ? ` — ${server.message}` : ''}` : ''
  if (status === 429) {
    const retryAfter = retryAfterSeconds(response.headers)
    return new RedirectlessError(ErrorCodes.RATE_LIMITED, `${where} was rate limited${serverSays}`, {
      ...options,
      ...(retryAfter !== undefined && { retryAfter }),
    })
  }
  if (status >= 500) {
    const retryAfter = retryAfterSeconds(response.headers)
    return new RedirectlessError(
      ErrorCodes.SERVER_ERROR,
      `${where} failed with HTTP ${status}${serverSays}`,
      {
        ...options,
        ...(retryAfter !== undefined && { retryAfter }),
      },
    )
  }
  const gone =
    status === 404 || (server?.code !== undefined && (context.goneCodes ?? []).includes(server.code))
  if (gone) {
    return new RedirectlessError(
      ErrorCodes.FLOW_EXPIRED,
      `${where}: the flow is gone (expired or unknown); start a new one${serverSays}`,
      options,
    )
  }
  if (!hasBody || !server?.code) {
    return new RedirectlessError(
      ErrorCodes.INVALID_RESPONSE,
      `${where} answered HTTP ${status} without an error body`,
      options,
    )
  }
  return new RedirectlessError(
    context.clientErrorCode ?? ErrorCodes.FLOW_ERROR,
    `${where} was refused${serverSays}`,
    options,
  )
}
