/**
 * A backend-for-frontend that runs the hybrid login for a browser without keeping any state: the
 * machine's persisted snapshot travels, sealed, in an HttpOnly cookie between requests. The browser
 * sees statuses, offered actions and the screen model; never a token, a cookie of Ping's, or a secret.
 */
import {
  createHybridLoginMachine,
  type HybridLoginOptions,
  hybridLoginPhase,
  hybridLoginResult,
  sealSnapshot,
  submitEvent,
  unsealSnapshot,
} from '@redirectless/orchestrator'
import { type Context, Hono } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import { createActor, type Snapshot, waitFor } from 'xstate'

export interface BffOptions {
  readonly login: HybridLoginOptions
  /** 32 bytes, or a passphrase of 32+ characters, from the server's secret store. */
  readonly sealingKey: string
  /** How long one request may wait for a push before answering `waiting`. Default 20 s. */
  readonly longPollMs?: number
  /** Set `Secure` on cookies; on everywhere but plain-HTTP local development. */
  readonly secureCookies?: boolean
}

const LOGIN_COOKIE = 'hybrid_login'
const SESSION_COOKIE = 'app_session'
const SETTLED = ['input', 'error', 'done', 'failed', 'canceled']

export function createBffApp(options: BffOptions) {
  const machine = createHybridLoginMachine(options.login)
  const cookie = {
    httpOnly: true,
    secure: options.secureCookies ?? true,
    sameSite: 'Strict' as const,
    path: '/',
  }

  type Actor = ReturnType<typeof createActor<typeof machine>>
  type Settled = ReturnType<Actor['getSnapshot']>

  /** Runs the machine from `snapshot` (or from the start), applies `send`, waits until it settles. */
  async function step(snapshot: Snapshot<unknown> | undefined, send?: (actor: Actor) => void) {
    const actor = createActor(machine, snapshot ? { snapshot } : {})
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
      setCookie(
        c,
        SESSION_COOKIE,
        await sealSnapshot(session, options.sealingKey, { expiresIn: 3600 }),
        cookie,
      )
      deleteCookie(c, LOGIN_COOKIE, cookie)
      return c.json({ phase, user: session })
    }
    if (phase === 'failed' || phase === 'canceled') deleteCookie(c, LOGIN_COOKIE, cookie)
    else setCookie(c, LOGIN_COOKIE, await sealSnapshot(result.persisted, options.sealingKey), cookie)
    return c.json(view(result.settled))
  }

  async function current(c: Context): Promise<Snapshot<unknown> | undefined> {
    const sealed = getCookie(c, LOGIN_COOKIE)
    return sealed
      ? unsealSnapshot<Snapshot<unknown>>(sealed, options.sealingKey).catch(() => undefined)
      : undefined
  }

  const app = new Hono()
  app.post('/login/start', async (c) => answer(c, await step(undefined)))
  app.post('/login/submit', async (c) => {
    const snapshot = await current(c)
    if (!snapshot) return c.json({ error: { code: 'NO_LOGIN', message: 'Start a login first' } }, 409)
    const { action, body } = await c.req.json<{ action: string; body?: unknown }>()
    return answer(c, await step(snapshot, (actor) => actor.send(submitEvent(action, body))))
  })
  // After a push was sent: wait (long poll) for the user to approve it on the phone.
  app.post('/login/wait', async (c) => {
    const snapshot = await current(c)
    if (!snapshot) return c.json({ error: { code: 'NO_LOGIN', message: 'Start a login first' } }, 409)
    return answer(c, await step(snapshot))
  })
  app.post('/login/retry', async (c) =>
    answer(c, await step(await current(c), (actor) => actor.send({ type: 'RETRY' }))),
  )
  app.post('/login/cancel', async (c) =>
    answer(c, await step(await current(c), (actor) => actor.send({ type: 'CANCEL' }))),
  )
  app.get('/me', async (c) => {
    const sealed = getCookie(c, SESSION_COOKIE)
    const user = sealed ? await unsealSnapshot(sealed, options.sealingKey).catch(() => undefined) : undefined
    return user ? c.json(user) : c.json({ error: { code: 'NOT_SIGNED_IN' } }, 401)
  })
  return app
}
