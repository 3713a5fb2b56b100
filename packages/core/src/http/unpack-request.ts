import type { FetchLike } from './types.js'

/**
 * ky hands `fetch` a `Request`; fetch-cookie reads redirect mode and headers only from the second
 * argument, so on a redirect it would drop ky's headers and follow the redirect. Handing the
 * request over as plain URL and init keeps `redirect: 'manual'` and every header.
 */
export function unpackRequest(fetchImpl: FetchLike, credentials: RequestCredentials | undefined): FetchLike {
  return async (input, init) => {
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
  }
}
