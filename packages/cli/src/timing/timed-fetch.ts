import type { FetchLike } from '@redirectless/core'
import { fetchFailureCode } from '../network-cause.js'
import { type HttpExchange, labelRequest, type Party } from './exchange.js'

/** Collects the {@link HttpExchange}s of one login, in order. */
export interface ExchangeLog {
  readonly exchanges: HttpExchange[]
}

function requestParts(input: RequestInfo | URL, init: RequestInit | undefined) {
  const request = input instanceof Request ? input : undefined
  const url = new URL(request ? request.url : String(input))
  const method = (init?.method ?? request?.method ?? 'GET').toUpperCase()
  const headers = new Headers(init?.headers ?? request?.headers)
  return { url, method, contentType: headers.get('content-type') }
}

/**
 * Wraps `fetch` so every request to a known origin is timed and labelled (see {@link HttpExchange}).
 * The answer is read to its end before the clock stops, through a clone, so the time is the whole
 * HTTP exchange; the body is parsed only for the flow's `status`, and nothing of it is kept.
 */
export function timedFetch(
  inner: FetchLike,
  parties: ReadonlyMap<string, Party>,
  log: ExchangeLog,
  now: () => number = () => performance.now(),
): FetchLike {
  const statuses = new Map<Party, string>()
  return async (input, init) => {
    const { url, method, contentType } = requestParts(input, init)
    const party = parties.get(url.origin)
    if (!party) return inner(input, init)
    const label = labelRequest(party, method, url, contentType)
    // A new authorization starts a new flow: it has no status yet.
    if (label === 'authorize') statuses.delete(party)
    const status = statuses.get(party) ?? '—'
    const started = now()
    const record = (httpStatus: number, failure?: string) =>
      log.exchanges.push({
        party,
        label,
        status,
        method,
        path: url.pathname,
        httpStatus,
        ms: now() - started,
        ...(failure !== undefined && { failure }),
      })
    let response: Response
    try {
      response = await inner(input, init)
    } catch (error) {
      // The login sees this failure only as a message (the flow's snapshot keeps no cause), so
      // its code is noted here for the error the user reads.
      record(0, fetchFailureCode(error))
      throw error
    }
    try {
      const text = await response.clone().text()
      if (/json/i.test(response.headers.get('content-type') ?? '')) {
        const body = JSON.parse(text) as { status?: unknown }
        if (typeof body?.status === 'string') statuses.set(party, body.status)
      }
    } catch {
      // A body that is not JSON is the client's to complain about; the timing still counts.
    }
    record(response.status)
    return response
  }
}
