import { digits } from '../shared/ids.js'
import type { P1UserConfig } from './config.js'
import type { P1Context } from './context.js'
import { invalidData } from './errors.js'
import type { Flow } from './flow.js'
import { advance, identify } from './progress.js'
import { renderText, templateTexts } from './templates.js'
import {
  constantTimeEqual,
  findUser,
  findUserByUsername,
  isEnabled,
  passwordMatches,
  setPassword,
} from './users.js'

const MIN_PASSWORD_LENGTH = 8

/** `usernamePassword.check {username, password}`; a flow that already has a user only takes that username. */
export function usernamePasswordAction(
  ctx: P1Context,
  flow: Flow,
  body: Readonly<Record<string, unknown>>,
): void {
  const username = requiredString(body, 'username')
  const password = requiredString(body, 'password')
  if (flow.user && flow.user.username !== username) {
    throw invalidData('username', 'The username does not match the user of this flow.')
  }
  const user = findUserByUsername(ctx, username)
  if (!user || !isEnabled(user) || !passwordMatches(ctx, user, password)) {
    throw invalidData('password', 'The provided credentials are invalid.', 'INVALID_CREDENTIALS')
  }
  signedOn(ctx, flow, user)
}

/** `password.forgot {username}`: e-mails a recovery code. An unknown username looks the same from outside. */
export function passwordForgotAction(
  ctx: P1Context,
  flow: Flow,
  body: Readonly<Record<string, unknown>>,
): void {
  const username = requiredString(body, 'username')
  const user = findUserByUsername(ctx, username)
  flow.recovery = { code: digits(8), userId: user && isEnabled(user) ? user.id : '' }
  sendRecoveryCode(ctx, flow)
  flow.status = 'RECOVERY_CODE_REQUIRED'
}

/** `password.sendRecoveryCode` (with or without `+json`): a new code replaces the old one. */
export function sendRecoveryCodeAction(ctx: P1Context, flow: Flow): void {
  flow.recovery = { code: digits(8), userId: flow.recovery?.userId ?? '' }
  sendRecoveryCode(ctx, flow)
}

/** `password.recover {recoveryCode, newPassword}`: sets the password and signs the user on. */
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
  if (newPassword.length < MIN_PASSWORD_LENGTH) {
    throw invalidData('newPassword', 'The new password does not meet the password policy.', 'INVALID_VALUE', {
      innerError: { unsatisfiedRequirements: ['minCharacters'] },
    })
  }
  setPassword(ctx, user, newPassword)
  flow.recovery = undefined
  signedOn(ctx, flow, user)
}

function signedOn(ctx: P1Context, flow: Flow, user: P1UserConfig): void {
  identify(ctx, flow, user)
  flow.passwordVerified = true
  flow.amr = [...new Set([...flow.amr, 'pwd'])]
  advance(ctx, flow)
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

function requiredString(body: Readonly<Record<string, unknown>>, name: string): string {
  const value = body[name]
  if (typeof value !== 'string' || value === '')
    throw invalidData(name, `The ${name} is required.`, 'REQUIRED_VALUE')
  return value
}
