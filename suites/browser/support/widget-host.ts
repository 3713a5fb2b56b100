import { readFile } from 'node:fs/promises'
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http'
import { createRequire } from 'node:module'
import type { AddressInfo } from 'node:net'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

/** Where the page lives on the host; every other path is PingFederate's when the host fronts it. */
export const PAGE_PREFIX = '/__widget/'

const require = createRequire(import.meta.url)
const WIDGET_DIST = dirname(require.resolve('@ping-identity/pf-authn-js-widget'))
const PAGE_DIR = join(dirname(fileURLToPath(import.meta.url)), 'page')

/** The files the host serves below {@link PAGE_PREFIX}: the page, its script, and the widget from npm. */
const FILES: Readonly<Record<string, { readonly path: string; readonly type: string }>> = {
  'index.html': { path: join(PAGE_DIR, 'index.html'), type: 'text/html; charset=utf-8' },
  'harness.js': { path: join(PAGE_DIR, 'harness.js'), type: 'text/javascript; charset=utf-8' },
  'pf.authn-widget.js': {
    path: join(WIDGET_DIST, 'pf.authn-widget.js'),
    type: 'text/javascript; charset=utf-8',
  },
  'main-styles.css': { path: join(WIDGET_DIST, 'main-styles.css'), type: 'text/css; charset=utf-8' },
}

/** A loopback HTTP server that serves the widget page, and optionally PingFederate behind it. */
export interface WidgetHost {
  /** The page's origin as the browser addresses it. */
  readonly origin: string
  /** The page, with the settings `harness.js` reads. */
  pageUrl(config: WidgetPageConfig): string
  close(): Promise<void>
}

/** What the page hands the widget (see `page/harness.js`). */
export interface WidgetPageConfig {
  /** PingFederate's base URL as the browser reaches it. */
  readonly baseUrl: string
  /** The redirectless settings: `client_id`, `response_type`, `scope`, `state`, PKCE… */
  readonly authorize: Readonly<Record<string, string>>
  /** Start with `onAuthorizationRequest` fetching this URL instead of the widget's own request. */
  readonly authorizeUrl?: string
  /** The widget's `useActionParam`: `?action=` with `application/json` instead of vendor types. */
  readonly useActionParam?: boolean
  /** The widget's cookieless mode, echoing `_pf_authn_api_state` in this header. */
  readonly cookieless?: boolean
  readonly stateHeaderName?: string
}

export interface WidgetHostOptions {
  /**
   * The host name in `origin`. The server listens on 127.0.0.1 either way; `localhost` makes the
   * page another *site* than an emulator on 127.0.0.1, which is what `SameSite` is about.
   */
  readonly hostname?: '127.0.0.1' | 'localhost'
  /**
   * PingFederate's base URL to put behind the page's origin: every path outside the page's is
   * relayed there byte for byte, as a reverse proxy in front of PF and the app would.
   */
  readonly proxyTo?: string
}

/** Per request; the page's requests and the emulator's answers are all small and quick. */
const RELAY_TIMEOUT_MS = 10_000

/** Starts the host on a free loopback port. */
export async function startWidgetHost(options: WidgetHostOptions = {}): Promise<WidgetHost> {
  const upstream = options.proxyTo === undefined ? undefined : new URL(options.proxyTo)
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://host').pathname
    if (path.startsWith(PAGE_PREFIX)) {
      void serveFile(path.slice(PAGE_PREFIX.length), res)
    } else if (upstream) {
      relay(req, res, upstream)
    } else {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found')
    }
  })
  server.requestTimeout = RELAY_TIMEOUT_MS
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
  const { port } = server.address() as AddressInfo
  const origin = `http://${options.hostname ?? '127.0.0.1'}:${port}`
  return {
    origin,
    pageUrl: (config) =>
      `${origin}${PAGE_PREFIX}index.html?${new URLSearchParams({ config: JSON.stringify(config) })}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}

async function serveFile(name: string, res: ServerResponse): Promise<void> {
  const file = Object.hasOwn(FILES, name) ? FILES[name] : undefined
  if (!file) {
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found')
    return
  }
  try {
    const body = await readFile(file.path)
    res.writeHead(200, { 'content-type': file.type, 'cache-control': 'no-store' }).end(body)
  } catch {
    res.writeHead(500, { 'content-type': 'text/plain' }).end('cannot read the file')
  }
}

/** Relays one request to PingFederate and its answer back, `Set-Cookie` lines and all. */
function relay(req: IncomingMessage, res: ServerResponse, upstream: URL): void {
  const out = httpRequest(
    {
      host: upstream.hostname,
      port: upstream.port,
      method: req.method,
      path: req.url,
      headers: req.headers,
      timeout: RELAY_TIMEOUT_MS,
    },
    (answer) => {
      // Raw headers keep repeated fields (one Set-Cookie per cookie) as they came.
      res.writeHead(answer.statusCode ?? 502, answer.rawHeaders)
      answer.pipe(res)
    },
  )
  const fail = () => {
    if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' })
    res.end()
  }
  out.on('timeout', () => out.destroy(new Error('upstream timeout')))
  out.on('error', fail)
  req.on('aborted', () => out.destroy())
  req.pipe(out)
}
