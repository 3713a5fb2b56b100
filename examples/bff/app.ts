/**
 * A backend-for-frontend that runs the hybrid login for a browser. Logins live in a `FlowStore`
 * between requests — this process's memory by default, Redis (`@redirectless/store-redis`) to run
 * on many instances — sealed at rest, under a random id that is all the browser's cookie carries.
 * Each step runs exactly once: a step sent twice at once (a double click, two instances) answers
 * CONFLICT with the login's current state. The browser sees statuses, offered actions and the
 * screen model; never a token, a cookie of Ping's, a PKCE verifier or a secret.
 *
 * Safe to copy: the app's session cookie is sealed for its purpose alone, whatever comes back in a
 * cookie is checked before a machine sees it, state changes only come as same-origin JSON POSTs,
 * bodies are capped and never logged.
 */
import {
  createHybridLoginMachine,
  createLoginStore,
  createMemoryFlowStore,
  type FlowStore,
  type HybridLoginOptions,
  hybridLoginPhase,
  hybridLoginResult,
  type LoginStep,
  type SealingKeys,
  seal,
  unseal,
  untypedSubmitEvent,
} from '@redirectless/orchestrator'
import { type Context, Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import { csrf } from 'hono/csrf'
import { HTTPException } from 'hono/http-exception'
import type { Actor } from 'xstate'
import { pageRoutes } from './page-routes.js'

export interface BffOptions {
  readonly login: HybridLoginOptions
  /** Where logins live between requests; shared by every instance. Default: this process's memory. */
  readonly store?: FlowStore
  /**
   * 32 random bytes, or a passphrase of 32+ varied characters, from the server's secret store; a
   * keyring (`[{ id, key }, …]`, newest first) to rotate it.
   */
  readonly sealingKey: SealingKeys
  /** The origins the app's pages are served from; a state-changing request from any other is refused. */
  readonly origins: readonly string[]
  /** How long one request may wait for a push before answering `waiting`. Default 20 s. */
  readonly longPollMs?: number
  /** How long a request may hold a login before another instance may take it over (see `createLoginStore`). */
  readonly leaseMs?: number
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

/** The error envelope the browser gets; never the exception's message, which may quote input. */
const failure = (
  c: Context,
  status: 400 | 401 | 403 | 409 | 413 | 415 | 500,
  code: string,
  message: string,
  extra: object = {},
) => c.json({ ...extra, error: { code, message } }, status)

export function createBffApp(options: BffOptions) {
  const machine = createHybridLoginMachine(options.login)
  const secure = options.secureCookies ?? true
  // `__Host-` makes the browser refuse the cookie unless it is Secure, host-only and for path `/`.
  const loginCookie = secure ? `__Host-${LOGIN_COOKIE}` : LOGIN_COOKIE
  const sessionCookie = secure ? `__Host-${SESSION_COOKIE}` : SESSION_COOKIE
  const cookie = { httpOnly: true, secure, sameSite: 'Strict' as const, path: '/' }
  const origins = new Set(options.origins)

  const logins = createLoginStore({
    store: options.store ?? createMemoryFlowStore(),
    machine,
    sealingKey: options.sealingKey,
    waitMs: options.longPollMs ?? 20_000,
    ...(options.leaseMs !== undefined && { leaseMs: options.leaseMs }),
  })
  type Send = (actor: Actor<typeof machine>) => void

  async function answer(c: Context, step: LoginStep) {
    if (step.conflict) {
      // Another request is running this step: nothing ran here; show where the login is.
      const current = step.current && { phase: step.current.phase, ...viewOf(step.current.context) }
      return failure(c, 409, 'CONFLICT', 'This login is busy with another request', current ?? {})
    }
    const { snapshot } = step
    const phase = hybridLoginPhase(snapshot)
    if (phase === 'done') {
      const { pingFederate, pingOne } = hybridLoginResult(snapshot)
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
    else setCookie(c, loginCookie, step.id, cookie)
    return c.json({ phase, ...viewOf(snapshot.context) })
  }

  /** What the browser gets: enough to render the screen, nothing secret. */
  function viewOf(context: {
    stage: unknown
    status: unknown
    state: unknown
    actions: unknown
    error: unknown
    canRetry: unknown
  }) {
    const { stage, status, state, actions, error, canRetry } = context
    return { stage, status, actions, model: state, error, canRetry }
  }

  /** Runs `send` on the login the cookie names; anything the cookie holds that is not a login is none. */
  async function step(c: Context, send?: Send) {
    const id = getCookie(c, loginCookie)
    if (id === undefined || !/^[\w-]{20,100}$/.test(id)) return noLogin(c)
    const result = await logins.step(id, send).catch((error: { code?: unknown }) => {
      if (error?.code === 'FLOW_EXPIRED') return undefined
      throw error
    })
    return result ? answer(c, result) : noLogin(c)
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

  app.post('/login/start', async (c) => answer(c, await logins.start()))
  app.post('/login/submit', async (c) => {
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
    // The browser's action is known only now: the machine refuses one the state does not offer.
    return step(c, (actor) => actor.send(untypedSubmitEvent(action, body)))
  })
  // After a push was sent: wait (long poll) for the user to approve it on the phone.
  app.post('/login/wait', (c) => step(c))
  app.post('/login/retry', (c) => step(c, (actor) => actor.send({ type: 'RETRY' })))
  app.post('/login/cancel', (c) => step(c, (actor) => actor.send({ type: 'CANCEL' })))
  app.get('/me', async (c) => {
    const sealed = getCookie(c, sessionCookie)
    const user =
      sealed === undefined
        ? undefined
        : await unseal(sealed, options.sealingKey, { purpose: SESSION_PURPOSE }).catch(() => undefined)
    return user ? c.json(user) : failure(c, 401, 'NOT_SIGNED_IN', 'Sign in first')
  })
  // The sign-in page (page.html, page.js), served from the BFF's own origin.
  app.route('/', pageRoutes())
  return app
}
