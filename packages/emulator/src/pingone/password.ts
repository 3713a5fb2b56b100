import { digits } from '../shared/ids.js'
import type { P1UserConfig } from './config.js'
import type { P1Context } from './context.js'
import { invalidData, PlatformError } from './errors.js'
import type { Flow } from './flow.js'
import { weakPassword } from './password-policy.js'
import { advance, identify } from './progress.js'
import { requiredString } from './read-body.js'
import { renderText, templateTexts } from './templates.js'
import {
  constantTimeEqual,
  findUser,
  findUserByUsername,
  isEnabled,
  passwordMatches,
  setPassword,
  userState,
} from './users.js'

/**
 * `usernamePassword.check {username, password}`; a flow that already has a user (or looked one up)
 * only takes that username. Wrong: 400 `INVALID_CREDENTIALS`; `passwordLockout.failureCount` wrong
 * ones in a row lock the password: 400 `PASSWORD_LOCKED_OUT` with `innerError.secondsUntilUnlock`.
 * In `ACCOUNT_LINKING_REQUIRED` the right password links the external account to the user.
 */
export function usernamePasswordAction(
  ctx: P1Context,
  flow: Flow,
  body: Readonly<Record<string, unknown>>,
): void {
  const username = requiredString(body, 'username')
  const password = requiredString(body, 'password')
  const expected = flow.user?.username ?? flow.lookupUsername
  if (expected !== undefined && expected !== username) {
    throw invalidData('username', 'The username does not match the user of this flow.')
  }
  const user = findUserByUsername(ctx, username)
  if (user) assertNotLockedOut(ctx, user)
  if (!user || !isEnabled(user) || !passwordMatches(ctx, user, password)) {
    if (user) countFailure(ctx, user)
    throw invalidData('password', 'The provided credentials are invalid.', 'INVALID_CREDENTIALS')
  }
  userState(ctx, user).failedPasswords = 0
  if (flow.status === 'ACCOUNT_LINKING_REQUIRED' && flow.external) {
    const { providerId, subject } = flow.external
    userState(ctx, user).externalIdentities.push({ providerId, subject })
    flow.external = undefined
    flow.externalDone = true
  }
  signedOn(ctx, flow, user)
}

/**
 * `password.forgot {username}`: e-mails a recovery code. An unknown username is 404 `NOT_FOUND`
 * (target `username`, the flow unchanged), or with `passwordForgotUnknownUser: 'silent'` looks
 * like a known one and sends nothing.
 */
export function passwordForgotAction(
  ctx: P1Context,
  flow: Flow,
  body: Readonly<Record<string, unknown>>,
): void {
  const username = requiredString(body, 'username')
  const found = findUserByUsername(ctx, username)
  const user = found && isEnabled(found) ? found : undefined
  if (!user && ctx.config.passwordForgotUnknownUser === 'NOT_FOUND') {
    throw new PlatformError(404, 'NOT_FOUND', 'The user could not be found.', [
      { code: 'INVALID_VALUE', target: 'username', message: 'No user has this username.' },
    ])
  }
  flow.recovery = { code: digits(8), userId: user?.id ?? '' }
  sendRecoveryCode(ctx, flow)
  flow.status = 'RECOVERY_CODE_REQUIRED'
}

/** `password.sendRecoveryCode` (with or without `+json`): a new code replaces the old one. */
export function sendRecoveryCodeAction(ctx: P1Context, flow: Flow): void {
  flow.recovery = { code: digits(8), userId: flow.recovery?.userId ?? '' }
  sendRecoveryCode(ctx, flow)
}

/**
 * `password.recover {recoveryCode, newPassword}`: sets the password and signs the user on. A weak
 * password is 400 `INVALID_VALUE` with `innerError.unsatisfiedRequirements`.
 */
export function passwordRecoverAction(
  ctx: P1Context,
  flow: Flow,
  body: Readonly<Record<string, unknown>>,
): void {
  const code = requiredString(body, 'recoveryCode')
  const newPassword = requiredString(body, 'newPassword')
  const recovery = flow.recovery
  const user = recovery?.userId ? findUser(ctx, recovery.userId) : undefined
  if (!recovery || !user || !constantTimeEqual(recovery.code, code)) {
    throw invalidData('recoveryCode', 'The recovery code is not valid.')
  }
  const weak = weakPassword(ctx, 'newPassword', newPassword, user)
  if (weak) throw weak
  setPassword(ctx, user, newPassword)
  const state = userState(ctx, user)
  state.failedPasswords = 0
  state.lockedUntil = undefined
  flow.recovery = undefined
  signedOn(ctx, flow, user)
}

/**
 * `password.reset {currentPassword, newPassword}` in `MUST_CHANGE_PASSWORD` / `PASSWORD_EXPIRED`:
 * the current password again, and a new one the policy accepts (else 400 `INVALID_VALUE` with
 * `innerError.unsatisfiedRequirements`); then the next policy step.
 */
export function passwordResetAction(
  ctx: P1Context,
  flow: Flow,
  body: Readonly<Record<string, unknown>>,
): void {
  const currentPassword = requiredString(body, 'currentPassword')
  const newPassword = requiredString(body, 'newPassword')
  const user = flow.user
  if (!user || !passwordMatches(ctx, user, currentPassword)) {
    throw invalidData('currentPassword', 'The current password is not right.', 'INVALID_CREDENTIALS')
  }
  const weak = weakPassword(ctx, 'newPassword', newPassword, user)
  if (weak) throw weak
  setPassword(ctx, user, newPassword)
  advance(ctx, flow)
}

function signedOn(ctx: P1Context, flow: Flow, user: P1UserConfig): void {
  if (flow.user?.id !== user.id || flow.identifiedBy === undefined) identify(ctx, flow, user, 'password')
  flow.lookupUsername = undefined
  flow.passwordVerified = true
  flow.amr = [...new Set([...flow.amr, 'pwd'])]
  advance(ctx, flow)
}

/** 400 `PASSWORD_LOCKED_OUT` while the user's password is locked; a lock that ran out is lifted. */
function assertNotLockedOut(ctx: P1Context, user: P1UserConfig): void {
  const state = userState(ctx, user)
  if (state.lockedUntil === undefined) return
  const left = state.lockedUntil - ctx.clock.now()
  if (left <= 0) {
    state.lockedUntil = undefined
    return
  }
  throw lockedOut(left)
}

function countFailure(ctx: P1Context, user: P1UserConfig): void {
  const lockout = ctx.config.passwordLockout
  const state = userState(ctx, user)
  state.failedPasswords += 1
  if (!lockout || state.failedPasswords < lockout.failureCount) return
  state.failedPasswords = 0
  state.lockedUntil = ctx.clock.now() + lockout.lockoutSeconds * 1000
  // The attempt that reaches the count already says so, as Ping's sample shows the lock at once.
  throw lockedOut(lockout.lockoutSeconds * 1000)
}

function lockedOut(ms: number) {
  return invalidData('password', 'Too many failed sign-on attempts.', 'PASSWORD_LOCKED_OUT', {
    innerError: { secondsUntilUnlock: Math.ceil(ms / 1000) },
  })
}

function sendRecoveryCode(ctx: P1Context, flow: Flow): void {
  const recovery = flow.recovery
  const user = recovery?.userId ? findUser(ctx, recovery.userId) : undefined
  if (!recovery || !user?.email) return
  const texts = templateTexts(ctx.config.notificationTemplates, 'recovery_code_template')
  ctx.outbox.send({
    username: user.username,
    channel: 'EMAIL',
    deviceId: '',
    otp: recovery.code,
    text: texts
      ? renderText(texts.otp, { otp: recovery.code, 'user.username': user.username })
      : `Your password recovery code is ${recovery.code}.`,
    flowId: flow.id,
    purpose: 'recovery',
    to: user.email,
  })
}
