/**
 * The SPA's own backend: it serves the page and its public configuration, and turns a
 * PingFederate id_token into a PingOne `login_hint_token`. It is the only place that holds the
 * issuer application's secret; every other call the page makes goes straight to Ping.
 */
import { readFile } from 'node:fs/promises'
import { extname, join, normalize, sep } from 'node:path'
import { createLoginHintToken } from '@redirectless/pingone/jwt'
import { type Context, Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { csrf } from 'hono/csrf'
import type { SpaConfig } from '../src/config.js'
import { createIdTokenVerifier } from './id-token.js'

export interface SpaBackendOptions {
  /** What the page gets as `/config.json` (public values only). `loginHintUrl` is set here. */
  readonly config: Omit<SpaConfig, 'loginHintUrl'>
  /** The origins the page is served from: the only ones allowed to ask for a login_hint_token. */
  readonly origins: readonly string[]
  /** The PingOne issuer ("integrated") application that signs login_hint_tokens. */
  readonly loginHintIssuer: { readonly clientId: string; readonly secret: string }
  /** PingOne's issuer, `{authBaseUrl}/{environmentId}/as`: the token's audience. */
  readonly pingOneIssuer: string
  /** The built page (`vite build`'s output directory). */
  readonly staticDir: string
}

const LOGIN_HINT_PATH = '/api/login-hint'
const MAX_BODY_BYTES = 16 * 1024
const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
}

const refuse = (c: Context, status: 400 | 401 | 403 | 413 | 415, code: string, message: string) =>
  c.json({ error: { code, message } }, status)

/** The backend as a Hono app: `app.fetch` serves it (see `server/start.ts`). */
export function createSpaBackend(options: SpaBackendOptions) {
  const verifyIdToken = createIdTokenVerifier({
    issuer: options.config.pingFederate.baseUrl,
    audience: options.config.pingFederate.clientId,
  })
  const config: SpaConfig = { ...options.config, loginHintUrl: LOGIN_HINT_PATH }

  const app = new Hono()
  app.onError((error, c) => {
    // By kind only: a message may quote the request, and the request holds a token.
    console.error(`[spa backend] ${c.req.method} ${c.req.path} failed: ${error.name}`)
    return c.json({ error: { code: 'INTERNAL', message: 'Something went wrong' } }, 500)
  })
  app.get('/config.json', (c) => c.json(config))

  // Only the page's own origins, only JSON: no other site can make a browser ask for a hint.
  app.use('/api/*', csrf({ origin: [...options.origins] }))
  app.use(
    '/api/*',
    bodyLimit({ maxSize: MAX_BODY_BYTES, onError: (c) => refuse(c, 413, 'TOO_LARGE', 'Too large') }),
  )
  app.post(LOGIN_HINT_PATH, async (c) => {
    const origin = c.req.header('origin')
    if (origin !== undefined && !options.origins.includes(origin))
      return refuse(c, 403, 'FORBIDDEN', 'Wrong origin')
    if (!/^application\/json\b/i.test(c.req.header('content-type') ?? '')) {
      return refuse(c, 415, 'UNSUPPORTED_MEDIA_TYPE', 'Send JSON')
    }
    const body = (await c.req.json().catch(() => undefined)) as { id_token?: unknown } | undefined
    const idToken = body?.id_token
    if (typeof idToken !== 'string' || idToken.length > 8_192) {
      return refuse(c, 400, 'BAD_REQUEST', 'Send { "id_token": "…" }')
    }
    const claims = await verifyIdToken(idToken).catch(() => undefined)
    if (!claims) return refuse(c, 401, 'ID_TOKEN_INVALID', 'The id_token was not accepted')
    // The subject is the one PingFederate vouched for, never one the page names.
    const token = await createLoginHintToken({
      issuer: options.loginHintIssuer.clientId,
      subject: claims.sub,
      audience: options.pingOneIssuer,
      secret: options.loginHintIssuer.secret,
      expiresIn: 120,
    })
    c.header('cache-control', 'no-store')
    return c.json({ login_hint_token: token })
  })

  // The built page; any other path is the page itself (it has one screen at a time, no routes).
  app.get('*', async (c) => {
    const root = normalize(options.staticDir)
    let path: string
    try {
      path = decodeURIComponent(c.req.path)
    } catch {
      return c.json({ error: { code: 'BAD_REQUEST', message: 'Bad path' } }, 400)
    }
    const wanted = normalize(join(root, path))
    const file = wanted.startsWith(root + sep) && extname(wanted) !== '' ? wanted : join(root, 'index.html')
    const body = await readFile(file).catch(() => undefined)
    if (!body) return c.json({ error: { code: 'NOT_FOUND', message: 'No such file' } }, 404)
    return c.body(body, 200, {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'cache-control': 'no-store',
    })
  })
  return app
}
