import type { FetchLike } from './types.js'

/**
 * ky hands `fetch` a `Request`; fetch-cookie reads redirect mode and headers only from the second
 * argument, so on a redirect it would drop ky's headers and follow the redirect. Handing the
 * request over as plain URL and init keeps `redirect: 'manual'` and every header.
 */
export function unpackRequest(fetchImpl: FetchLike, credentials: RequestCredentials | undefined): FetchLike {
  return (input, init) => raceAbort(unpacked(fetchImpl, credentials, input, init), signalOf(input, init))
}

function signalOf(input: RequestInfo | URL, init: RequestInit | undefined): AbortSignal | undefined {
  if (init?.signal) return init.signal
  return typeof input === 'object' && input !== null && 'signal' in input
    ? (input as Request).signal
    : undefined
}

/**
 * Some fetches ignore their signal (React Native polyfills, in-process test servers); the caller's
 * abort and ky's timeout must still end the call at once, as with the platform's fetch.
 */
function raceAbort(response: Promise<Response>, signal: AbortSignal | undefined): Promise<Response> {
  if (!signal) return response
  if (signal.aborted) {
    // The request already started; its own rejection must not surface as unhandled.
    response.catch(() => {})
    return Promise.reject(signal.reason)
  }
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(signal.reason)
    signal.addEventListener('abort', onAbort, { once: true })
    response.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort))
  })
}

function unpacked(
  fetchImpl: FetchLike,
  credentials: RequestCredentials | undefined,
  input: RequestInfo | URL,
  init: RequestInit | undefined,
): Promise<Response> {
  return (async () => {
    if (typeof input === 'object' && input !== null && 'url' in input && 'method' in input) {
      const request = input as Request
      const hasBody = request.method !== 'GET' && request.method !== 'HEAD'
      const out: RequestInit = {
        method: request.method,
        headers: Object.fromEntries(request.headers),
        redirect: 'manual',
        signal: request.signal,
      }
      if (hasBody) out.body = await request.arrayBuffer()
      if (credentials) out.credentials = credentials
      return fetchImpl(request.url, out)
    }
    return fetchImpl(input, { ...init, redirect: 'manual', ...(credentials && { credentials }) })
  })()
}
