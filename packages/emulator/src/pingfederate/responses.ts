/**
 * A JSON response that no cache keeps: flow states, codes and tokens are single-use, and a cached
 * copy would replay a stale state (or leak a token) to the next reader.
 */
export function jsonResponse(status: number, body: unknown, headers: HeadersInit = {}): Response {
  const out = new Headers(headers)
  out.set('content-type', 'application/json')
  out.set('cache-control', 'no-store')
  out.set('pragma', 'no-cache')
  return new Response(JSON.stringify(body), { status, headers: out })
}
