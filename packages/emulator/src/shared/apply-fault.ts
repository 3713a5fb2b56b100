import { networkFailure } from './edge.js'
import type { Fault } from './faults.js'

const FOREIGN_ORIGIN = 'https://attacker.example'

/** Faults decided before the route runs; `undefined` means run the route (then maybe `afterRoute`). */
export async function beforeRoute(
  fault: Fault,
  request: Request,
  env: unknown,
): Promise<Response | undefined> {
  switch (fault.kind) {
    case 'latency':
      await sleep(fault.ms, request.signal)
      // The client gave up while we stalled: like a server whose client hung up, do not run the
      // route (it would change state, e.g. rotate the PF cookie, that nobody will ever see).
      return request.signal.aborted ? new Response(null, { status: 499 }) : undefined
    case 'status': {
      const headers = new Headers({ 'content-type': fault.contentType ?? 'application/json' })
      if (fault.retryAfter !== undefined) headers.set('retry-after', String(fault.retryAfter))
      const body =
        fault.body ??
        JSON.stringify({ code: 'UNEXPECTED_ERROR', message: `Injected fault: HTTP ${fault.status}` })
      return new Response(body, { status: fault.status, headers })
    }
    case 'reset': {
      // Over HTTP, destroy the socket so the client sees a reset; in-process, reject like fetch does.
      const incoming = (env as { incoming?: { socket?: { destroy(): void } } } | undefined)?.incoming
      incoming?.socket?.destroy()
      throw networkFailure('ECONNRESET', 'socket hang up')
    }
    case 'html':
      return new Response('<!DOCTYPE html><html><body><h1>502 Bad Gateway</h1></body></html>', {
        status: fault.status ?? 502,
        headers: { 'content-type': 'text/html; charset=utf-8' },
      })
    case 'redirect':
      return new Response(null, {
        status: fault.status ?? 302,
        headers: { location: fault.location ?? `${FOREIGN_ORIGIN}/login` },
      })
    default:
      return undefined
  }
}

/** Faults that rewrite what the route answered. */
export async function afterRoute(fault: Fault, response: Response): Promise<Response> {
  const headers = new Headers(response.headers)
  headers.delete('content-length')
  const text = await response.text()
  const json = () => {
    try {
      return JSON.parse(text) as Record<string, unknown>
    } catch {
      return undefined
    }
  }
  const answer = (body: string) => new Response(body, { status: response.status, headers })
  switch (fault.kind) {
    case 'truncate':
      return answer(text.slice(0, Math.max(1, Math.floor(text.length / 2))))
    case 'malformed':
      return answer('{"status": "USERNAME_PASSWORD_REQUIRED", <<not json>>')
    case 'foreign-link': {
      const body = json()
      if (!body) return answer(text)
      return answer(
        JSON.stringify(rewriteLinks(body, (href) => moveOrigin(href, fault.origin ?? FOREIGN_ORIGIN))),
      )
    }
    case 'http-links': {
      const body = json()
      if (!body) return answer(text)
      return answer(JSON.stringify(rewriteLinks(body, (href) => href.replace(/^https:/, 'http:'))))
    }
    case 'unknown-status': {
      const body = json()
      if (!body) return answer(text)
      return answer(JSON.stringify({ ...body, status: fault.status ?? 'QUANTUM_ENTANGLEMENT_REQUIRED' }))
    }
    case 'missing-fields': {
      const body = json()
      if (!body) return answer(text)
      for (const field of fault.fields ?? ['status', '_links']) delete body[field]
      return answer(JSON.stringify(body))
    }
    default:
      return answer(text)
  }
}

function moveOrigin(href: string, origin: string): string {
  try {
    const url = new URL(href)
    return `${origin}${url.pathname}${url.search}`
  } catch {
    return href
  }
}

function rewriteLinks(
  body: Record<string, unknown>,
  rewrite: (href: string) => string,
): Record<string, unknown> {
  const out: Record<string, unknown> = { ...body }
  const links = body._links
  if (links && typeof links === 'object') {
    out._links = Object.fromEntries(
      Object.entries(links as Record<string, { href?: unknown }>).map(([k, v]) => [
        k,
        typeof v?.href === 'string' ? { ...v, href: rewrite(v.href) } : v,
      ]),
    )
  }
  if (typeof body.resumeUrl === 'string') out.resumeUrl = rewrite(body.resumeUrl)
  return out
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve()
    const done = () => {
      clearTimeout(timer)
      signal.removeEventListener('abort', done)
      resolve()
    }
    const timer = setTimeout(done, ms)
    signal.addEventListener('abort', done, { once: true })
  })
}
