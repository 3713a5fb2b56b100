import { uuid } from '../shared/ids.js'
import type { P1UserConfig } from './config.js'
import type { P1Context } from './context.js'
import { requestFailed } from './errors.js'
import type { Flow, FlowError } from './flow.js'
import { startMfa } from './mfa.js'

/** Puts the user on the flow and opens the sign-on session behind `ST`. */
export function identify(ctx: P1Context, flow: Flow, user: P1UserConfig): void {
  flow.user = user
  if (flow.session?.userId === user.id) return
  const session = { token: uuid(), id: uuid(), userId: user.id, createdAt: ctx.clock.now() }
  ctx.store.sessions.set(session.token, session)
  flow.session = session
  if (ctx.config.sessionCookie === 'on-user-known') flow.cookiePending = true
}

/** Moves the flow to the next step its sign-on policy still requires, or to `COMPLETED`. */
export function advance(ctx: P1Context, flow: Flow): void {
  const steps = flow.policy.steps
  if (!flow.user || (steps.includes('LOGIN') && !flow.passwordVerified)) {
    if (!steps.includes('LOGIN')) {
      // A policy without a login step has no way to learn who the user is.
      throw requestFailed(
        'USER_REQUIRED',
        'The sign-on policy needs a user identified by a login_hint_token.',
      )
    }
    clearPending(flow)
    flow.status = 'USERNAME_PASSWORD_REQUIRED'
    return
  }
  if (steps.includes('MFA') && !flow.mfaSatisfied && !flow.skipMfa) {
    startMfa(ctx, flow)
    return
  }
  complete(ctx, flow)
}

/** `COMPLETED`: the auth time is now; `ST` is due when `sessionCookie` is `'on-completed'`. */
export function complete(ctx: P1Context, flow: Flow): void {
  clearPending(flow)
  flow.selectedDeviceId = undefined
  flow.status = 'COMPLETED'
  flow.authTime = ctx.clock.now()
  if (ctx.config.sessionCookie === 'on-completed' && flow.session) flow.cookiePending = true
}

/** Ends the flow in `FAILED`: terminal, no action linked. */
export function fail(flow: Flow, error: FlowError): void {
  clearPending(flow)
  flow.status = 'FAILED'
  flow.error = error
}

/** `session.reset`: back to the state right after authorize (a new OTP is sent); retry counts stay. */
export function reset(ctx: P1Context, flow: Flow): void {
  clearPending(flow)
  flow.user = flow.initialUser
  // A user who signed on in this flow is forgotten with the reset; so is their session.
  if (flow.session && flow.session.userId !== flow.user?.id) flow.session = undefined
  flow.passwordVerified = false
  flow.mfaSatisfied = false
  flow.selectedDeviceId = undefined
  flow.recovery = undefined
  flow.amr = []
  flow.error = undefined
  advance(ctx, flow)
}

/** Drops any OTP, push or FIDO2 challenge in progress. */
export function clearPending(flow: Flow): void {
  flow.otp = undefined
  flow.push = undefined
  flow.assertion = undefined
}
