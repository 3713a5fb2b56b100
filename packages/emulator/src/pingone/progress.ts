import { uuid } from '../shared/ids.js'
import type { P1UserConfig, ProgressiveProfilingAction } from './config.js'
import type { P1Context } from './context.js'
import { approveDeviceCode } from './device-grant.js'
import { requestFailed } from './errors.js'
import type { Flow, FlowError, FlowStatus, IdentifiedBy } from './flow.js'
import { startMfa } from './mfa.js'
import { policyActions } from './policy.js'
import { sendVerificationCode } from './registration.js'
import { userState } from './users.js'

/** Puts the user on the flow and opens the sign-on session behind `ST`. */
export function identify(ctx: P1Context, flow: Flow, user: P1UserConfig, by: IdentifiedBy): void {
  flow.user = user
  flow.identifiedBy = by
  flow.lookupUsername = undefined
  if (flow.session?.userId === user.id) return
  const session = {
    token: uuid(),
    id: uuid(),
    userId: user.id,
    createdAt: ctx.clock.now(),
    passwordAt: undefined,
  }
  ctx.store.sessions.set(session.token, session)
  flow.session = session
  if (ctx.config.sessionCookie === 'on-user-known') flow.cookiePending = true
}

/**
 * Moves the flow to the first action of its sign-on policy that is not yet satisfied (each action's
 * status below), or to `COMPLETED`. A device authorization grant adds its user code before the policy
 * and its consent after it.
 */
export function advance(ctx: P1Context, flow: Flow): void {
  clearPending(flow)
  // An external account waits in ACCOUNT_CONFIRMATION_REQUIRED or ACCOUNT_LINKING_REQUIRED.
  if (flow.external) return
  const next = nextStep(ctx, flow)
  if (next === 'MFA') startMfa(ctx, flow)
  else if (next === 'COMPLETED') complete(ctx, flow)
  else show(flow, next)
}

/** The status of the first unsatisfied step, `MFA` to start it, or `COMPLETED`. */
function nextStep(ctx: P1Context, flow: Flow): FlowStatus | 'MFA' {
  if (flow.deviceGrant && flow.deviceCode === undefined) return 'DAG_USER_CODE_REQUIRED'
  for (const action of policyActions(flow.policy)) {
    switch (action.type) {
      case 'IDENTIFIER_FIRST': {
        if (!flow.identifiedBy && !flow.lookupUsername) return 'SIGN_ON_REQUIRED'
        const account = flow.identifiedBy === 'register' ? accountStatus(ctx, flow) : undefined
        if (account) return account
        break
      }
      case 'LOGIN': {
        if (!flow.passwordVerified && !signedOnOtherwise(flow)) {
          const known =
            flow.identifiedBy === 'hint' || flow.identifiedBy === 'lookup' || !!flow.lookupUsername
          return known ? 'PASSWORD_REQUIRED' : 'USERNAME_PASSWORD_REQUIRED'
        }
        const account = accountStatus(ctx, flow)
        if (account) return account
        break
      }
      case 'IDENTITY_PROVIDER':
        if (!flow.externalDone) return 'EXTERNAL_AUTHENTICATION_REQUIRED'
        break
      case 'MFA':
        if (!flow.mfaSatisfied && !flow.skipMfa) {
          requireUser(flow)
          return 'MFA'
        }
        break
      case 'AGREEMENT':
        if (!userState(ctx, requireUser(flow)).agreements.has(action.agreementId))
          return 'AGREEMENT_CONSENT_REQUIRED'
        break
      case 'PROGRESSIVE_PROFILING':
        if (profileDue(ctx, flow, action)) return 'PROFILE_DATA_REQUIRED'
        break
    }
  }
  requireUser(flow)
  return flow.deviceGrant ? 'DAG_CONSENT_REQUIRED' : 'COMPLETED'
}

/**
 * Whether a profiling action asks now: once per flow at most, always for a missing required
 * attribute, and for missing optional ones only once per `promptIntervalSeconds`.
 */
export function profileDue(ctx: P1Context, flow: Flow, action: ProgressiveProfilingAction): boolean {
  if (flow.profiled) return false
  const missing = missingAttributes(ctx, flow, action)
  if (missing.some((a) => a.required)) return true
  if (missing.length === 0) return false
  const last = flow.user ? userState(ctx, flow.user).profiledAt : undefined
  const interval = (action.promptIntervalSeconds ?? 90 * 24 * 3600) * 1000
  return last === undefined || ctx.clock.now() - last >= interval
}

/** The attributes of a profiling action the user has no value for. */
export function missingAttributes(
  ctx: P1Context,
  flow: Flow,
  action: ProgressiveProfilingAction,
): ProgressiveProfilingAction['attributes'] {
  const attributes = flow.user ? userState(ctx, flow.user).attributes : {}
  return action.attributes.filter((a) => !attributes[a.name])
}

/**
 * `COMPLETED`: the auth time is now, or the session's password sign-on when the flow asked the user
 * nothing (OIDC `auth_time` is when the user authenticated); `ST` is due when `sessionCookie` is
 * `'on-completed'`. A password entered in this flow is the session's last sign-on from now on.
 */
export function complete(ctx: P1Context, flow: Flow): void {
  clearPending(flow)
  flow.selectedDeviceId = undefined
  flow.status = 'COMPLETED'
  const now = ctx.clock.now()
  const unattended = flow.identifiedBy === 'session' && !flow.mfaSatisfied
  flow.authTime = unattended ? (flow.session?.passwordAt ?? now) : now
  if (flow.passwordVerified && flow.session) flow.session.passwordAt = now
  if (ctx.config.sessionCookie === 'on-completed' && flow.session) flow.cookiePending = true
  if (flow.deviceCode !== undefined) approveDeviceCode(ctx, flow)
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
  flow.identifiedBy = flow.initialUser ? 'hint' : undefined
  // A user who signed on in this flow is forgotten with the reset; so is their session.
  if (flow.session && flow.session.userId !== flow.user?.id) flow.session = undefined
  flow.passwordVerified = false
  flow.mfaSatisfied = false
  flow.selectedDeviceId = undefined
  flow.recovery = undefined
  flow.lookupUsername = undefined
  flow.verification = undefined
  flow.profiled = false
  flow.externalDone = false
  flow.external = undefined
  flow.deviceCode = flow.initialDeviceCode
  flow.kerberosUser = undefined
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

function show(flow: Flow, status: Flow['status']): void {
  flow.selectedDeviceId = undefined
  flow.status = status
}

/**
 * An invitation, a registration, an external or a Kerberos sign-on stands in for the password form;
 * so does an SSO session that signed on with a password recently enough.
 */
function signedOnOtherwise(flow: Flow): boolean {
  const by = flow.identifiedBy
  return by === 'register' || by === 'external' || by === 'invite' || by === 'kerberos' || by === 'session'
}

/**
 * After a sign-on with a password: a password that must change or has expired is changed first
 * (`password.reset`), then an unverified account verifies its e-mail (`user.verify`).
 */
function accountStatus(ctx: P1Context, flow: Flow): FlowStatus | undefined {
  const user = requireUser(flow)
  const state = userState(ctx, user)
  const status = state.passwordStatus
  if (flow.passwordVerified && (status === 'MUST_CHANGE_PASSWORD' || status === 'PASSWORD_EXPIRED'))
    return status
  if (state.verified) return undefined
  if (!flow.verification) sendVerificationCode(ctx, flow, user)
  return 'VERIFICATION_CODE_REQUIRED'
}

function requireUser(flow: Flow): P1UserConfig {
  if (flow.user) return flow.user
  // A policy with no way to learn who the user is (e.g. MFA only, without a login_hint_token).
  throw requestFailed('USER_REQUIRED', 'The sign-on policy needs a user identified by a login_hint_token.')
}
