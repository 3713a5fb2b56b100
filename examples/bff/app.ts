/**
 * A backend-for-frontend that runs the hybrid login for a browser without keeping any state: the
 * machine's persisted snapshot travels, sealed, in an HttpOnly cookie between requests. The browser
 * sees statuses, offered actions and the screen model; never a token, a cookie of Ping's, a PKCE
 * verifier or a secret.
 *
 * Safe to copy: each sealed cookie is bound to its purpose (a session cookie sent back as the login
 * cookie is refused), whatever comes back in a cookie is checked before a machine sees it, state
 * changes only come as same-origin JSON POSTs, bodies are capped and never logged.
 */
import {
  createHybridLoginMachine,
  type HybridLoginOptions,
  hybridLoginPhase,
  hybridLoginResult,
  restoreHybridLogin,
  type SealingKeys,
  seal,
  sealSnapshot,
  submitEvent,
  unseal,
  unsealSnapshot,
} from '@redirectless/orchestrator'
import { type Context, Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import { csrf } from 'hono/csrf'
import { HTTPException } from 'hono/http-exception'
import { createActor, type Snapshot, waitFor } from 'xstate'

export interface BffOptions {
  readonly login: HybridLoginOptions
  /**
   * 32 random bytes, or a passphrase of 32+ varied characters, from the server's secret store; a
   * keyring (`[{ id, key }, …]`, newest first) to rotate it.
   */
  readonly sealingKey: SealingKeys
  /** The origins the app's pages are served from; a state-changing request from any other is refused. */
  readonly origins: readonly string[]
  /** How long one request may wait for a push before answering `waiting`. Default 20 s. */
  readonly longPollMs?: number
  /**
   * `Secure` cookies with the `__Host-` prefix (only this host, path `/`, HTTPS). On everywhere but
   * plain-HTTP local development.
   */
  readonly secureCookies?: boolean
}

const LOGIN_COOKIE = 'hybrid_login'
const SESSION_COOKIE = 'app_session'
const SESSION_PURPOSE = 'example-bff/app-session'
const SESSION_SECONDS = 3600
const MAX_BODY_BYTES = 16 * 1024
const SETTLED = ['input', 'error', 'done', 'failed', 'canceled']

/** The error envelope the browser gets; never the exception's message, which may quote input. */
const failure = (
  c: Context,
  status: 400 | 401 | 403 | 409 | 413 | 415 | 500,
  code: string,
  message: string,
) => c.json({ error: { code, message } }, status)

export function createBffApp(options: BffOptions) {
  const machine = createHybridLoginMachine(options.login)
  const secure = options.secureCookies ?? true
  // `__Host-` makes the browser refuse the cookie unless it is Secure, host-only and for path `/`.
  const loginCookie = secure ? `__Host-${LOGIN_COOKIE}` : LOGIN_COOKIE
  const sessionCookie = secure ? `__Host-${SESSION_COOKIE}` : SESSION_COOKIE
  const cookie = { httpOnly: true, secure, sameSite: 'Strict' as const, path: '/' }
  const origins = new Set(options.origins)

  type Actor = ReturnType<typeof createActor<typeof machine>>
  type Settled = ReturnType<Actor['getSnapshot']>

  /** Runs the machine from `snapshot` (or from the start), applies `send`, waits until it settles. */
  async function step(snapshot: Snapshot<unknown> | undefined, send?: (actor: Actor) => void) {
    const actor = snapshot === undefined ? createActor(machine) : restoreHybridLogin(machine, snapshot)
    actor.start()
    send?.(actor)
    const settled = await waitFor(actor, (s) => SETTLED.includes(hybridLoginPhase(s)), {
      timeout: options.longPollMs ?? 20_000,
    }).catch(() => actor.getSnapshot())
    const persisted = actor.getPersistedSnapshot()
    actor.stop()
    return { settled, persisted }
  }

  /** What the browser gets: enough to render the screen, nothing secret. */
  function view(snapshot: Settled) {
    const { stage, status, state, actions, error, canRetry } = snapshot.context
    return { phase: hybridLoginPhase(snapshot), stage, status, actions, model: state, error, canRetry }
  }

  async function answer(c: Context, result: { settled: Settled; persisted: unknown }) {
    const phase = hybridLoginPhase(result.settled)
    if (phase === 'done') {
      const { pingFederate, pingOne } = hybridLoginResult(result.settled)
      // The app's own session: who signed in. The tokens stay on the server (here: dropped).
      const session = {
        sub: pingFederate.claims?.sub,
        pingOneSub: pingOne?.claims?.sub,
        acr: pingOne?.claims?.acr,
      }
      const sealed = await seal(session, options.sealingKey, {
        purpose: SESSION_PURPOSE,
        expiresIn: SESSION_SECONDS,
      })
      setCookie(c, sessionCookie, sealed, { ...cookie, maxAge: SESSION_SECONDS })
      deleteCookie(c, loginCookie, cookie)
      return c.json({ phase, user: session })
    }
    if (phase === 'failed' || phase === 'canceled') deleteCookie(c, loginCookie, cookie)
    else setCookie(c, loginCookie, await sealSnapshot(result.persisted, options.sealingKey), cookie)
    return c.json(view(result.settled))
  }

  /** The login the cookie holds, checked; anything else (garbage, a swapped or expired cookie) is none. */
  async function current(c: Context): Promise<Snapshot<unknown> | undefined> {
    const sealed = getCookie(c, loginCookie)
    return sealed === undefined
      ? undefined
      : unsealSnapshot(sealed, options.sealingKey).catch(() => undefined)
  }

  const noLogin = (c: Context) => failure(c, 409, 'NO_LOGIN', 'Start a login first')

  const app = new Hono()
  app.onError((error, c) => {
    if (error instanceof HTTPException && error.status < 500) {
      return failure(c, error.status === 403 ? 403 : 400, 'FORBIDDEN', 'Refused')
    }
    // Logged by kind only: a parser's message can quote the body, and the body holds passwords.
    console.error(`[bff] ${c.req.method} ${c.req.path} failed: ${error.name}`)
    return failure(c, 500, 'INTERNAL', 'Something went wrong; start the login again')
  })
  app.notFound((c) => failure(c, 400, 'NOT_FOUND', 'No such endpoint'))
  // Every state change is a POST from one of the app's own origins, with a JSON body (or none): a
  // cross-site form or `text/plain` POST never gets this far, and a JSON one needs a CORS pre-flight
  // this app never answers.
  app.use('/login/*', csrf({ origin: [...origins] }))
  app.use('/login/*', async (c, next) => {
    const origin = c.req.header('origin')
    if (origin !== undefined && !origins.has(origin)) return failure(c, 403, 'FORBIDDEN', 'Wrong origin')
    const type = c.req.header('content-type')
    if (c.req.method === 'POST' && type !== undefined && !/^application\/json\b/i.test(type)) {
      return failure(c, 415, 'UNSUPPORTED_MEDIA_TYPE', 'Send JSON')
    }
    return next()
  })
  app.use(
    '/login/*',
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: (c) => failure(c, 413, 'TOO_LARGE', 'The body is too large'),
    }),
  )

  app.post('/login/start', async (c) => answer(c, await step(undefined)))
  app.post('/login/submit', async (c) => {
    const snapshot = await current(c)
    if (!snapshot) return noLogin(c)
    let parsed: unknown
    try {
      parsed = await c.req.json()
    } catch {
      return failure(c, 400, 'BAD_REQUEST', 'The body is not JSON')
    }
    const { action, body } = (parsed ?? {}) as { action?: unknown; body?: unknown }
    if (typeof action !== 'string' || action.length > 100) {
      return failure(c, 400, 'BAD_REQUEST', 'Send { action, body }')
    }
    return answer(c, await step(snapshot, (actor) => actor.send(submitEvent(action, body))))
  })
  // After a push was sent: wait (long poll) for the user to approve it on the phone.
  app.post('/login/wait', async (c) => {
    const snapshot = await current(c)
    return snapshot ? answer(c, await step(snapshot)) : noLogin(c)
  })
  app.post('/login/retry', async (c) => {
    const snapshot = await current(c)
    return snapshot ? answer(c, await step(snapshot, (actor) => actor.send({ type: 'RETRY' }))) : noLogin(c)
  })
  app.post('/login/cancel', async (c) => {
    const snapshot = await current(c)
    return snapshot ? answer(c, await step(snapshot, (actor) => actor.send({ type: 'CANCEL' }))) : noLogin(c)
  })
  app.get('/me', async (c) => {
    const sealed = getCookie(c, sessionCookie)
    const user =
      sealed === undefined
        ? undefined
        : await unseal(sealed, options.sealingKey, { purpose: SESSION_PURPOSE }).catch(() => undefined)
    return user ? c.json(user) : failure(c, 401, 'NOT_SIGNED_IN', 'Sign in first')
  })
  return app
}
