import type { LoginAction } from './config.js'
import type { P1Context } from './context.js'
import type { Flow } from './flow.js'
import { policyActions } from './policy.js'
import { allUsers, isEnabled, userState } from './users.js'

/** PingOne's LOGIN condition when a step sets none here: "Last sign-on older than" 12 hours. */
const DEFAULT_LAST_SIGN_ON_SECONDS = 12 * 3600

/** What the authorize request says about reusing a session. */
export interface SsoRequest {
  /** The `ST` cookie value the browser sent. */
  readonly sessionToken: string | undefined
  /** `prompt` contains `login`: the user must sign on again. */
  readonly forceLogin: boolean
}

/**
 * Single sign-on at authorize (`ssoSessions`): when the browser's `ST` session signed on with a
 * password within the policy's LOGIN condition (and `max_age`), the flow takes that session and its
 * user, and the LOGIN step counts as done. Only a policy with a LOGIN step: an MFA-only policy (the
 * step-up with a `login_hint_token`) is never shortened, and no step but LOGIN is skipped.
 */
export function joinSession(ctx: P1Context, flow: Flow, sso: SsoRequest): void {
  if (!ctx.config.ssoSessions || sso.forceLogin || sso.sessionToken === undefined) return
  const login = policyActions(flow.policy).find((a): a is LoginAction => a.type === 'LOGIN')
  if (!login) return
  const session = ctx.store.sessions.get(sso.sessionToken)
  if (session?.passwordAt === undefined) return
  const user = allUsers(ctx).find((u) => u.id === session.userId)
  if (!user || !isEnabled(user)) return
  // A login_hint_token naming someone else wins: that user signs on in this flow.
  if (flow.initialUser && flow.initialUser.id !== user.id) return
  const now = ctx.clock.now()
  const lockedUntil = userState(ctx, user).lockedUntil
  if (lockedUntil !== undefined && now < lockedUntil) return
  const age = now - session.passwordAt
  const limit = login.lastSignOnOlderThanSeconds ?? DEFAULT_LAST_SIGN_ON_SECONDS
  if (age > limit * 1000) return
  if (flow.request.maxAge !== undefined && age > flow.request.maxAge * 1000) return
  flow.user = user
  flow.identifiedBy = 'session'
  flow.lookupUsername = undefined
  flow.session = session
  // The browser holds ST already; 'on-completed' still sends it again with the COMPLETED flow.
  flow.amr = [...new Set([...flow.amr, 'pwd'])]
}
