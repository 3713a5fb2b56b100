import { uuid } from '../shared/ids.js'
import type { P1UserConfig } from './config.js'
import type { P1Context } from './context.js'
import { invalidData } from './errors.js'
import type { Flow } from './flow.js'
import { weakPassword } from './password-policy.js'
import { advance, identify } from './progress.js'
import { requiredString } from './read-body.js'
import { constantTimeEqual, findUserByUsername, userState } from './users.js'

const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'
/** Contract §3.2: the verification code is 8 alphanumeric characters, with no timeout. */
const CODE_LENGTH = 8

/** E-mails a new account verification code to the user (outbox `purpose: 'verification'`). */
export function sendVerificationCode(ctx: P1Context, flow: Flow, user: P1UserConfig): void {
  const bytes = crypto.getRandomValues(new Uint8Array(CODE_LENGTH))
  const code = Array.from(bytes, (b) => CODE_ALPHABET[b % CODE_ALPHABET.length]).join('')
  flow.verification = { code }
  ctx.outbox.send({
    username: user.username,
    channel: 'EMAIL',
    deviceId: '',
    otp: code,
    text: `Your account verification code is ${code}.`,
    flowId: flow.id,
    purpose: 'verification',
    ...(user.email === undefined ? {} : { to: user.email }),
  })
}

/**
 * `user.register {username, email, password}`: creates the user (unverified) and signs them on, which
 * leads to `VERIFICATION_CODE_REQUIRED`. A taken username is 400 `UNIQUENESS_VIOLATION`; a weak
 * password 400 `INVALID_VALUE` with `unsatisfiedRequirements`.
 */
export function registerAction(ctx: P1Context, flow: Flow, body: Readonly<Record<string, unknown>>): void {
  const username = requiredString(body, 'username')
  const email = requiredString(body, 'email')
  const password = requiredString(body, 'password')
  if (findUserByUsername(ctx, username)) {
    throw invalidData('username', 'A user with this username already exists.', 'UNIQUENESS_VIOLATION')
  }
  if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) throw invalidData('email', 'The email is not valid.')
  const weak = weakPassword(ctx, 'password', password, undefined, { username, email })
  if (weak) throw weak
  const user: P1UserConfig = { id: uuid(), username, email, password, verified: false, devices: [] }
  ctx.store.registered.push(user)
  identify(ctx, flow, user, 'register')
  flow.passwordVerified = true
  flow.amr = [...new Set([...flow.amr, 'pwd'])]
  advance(ctx, flow)
}

/** `user.verify {verificationCode}`: the e-mailed code verifies the account; wrong is 400, target `verificationCode`. */
export function verifyAction(ctx: P1Context, flow: Flow, body: Readonly<Record<string, unknown>>): void {
  const code = requiredString(body, 'verificationCode').toUpperCase()
  const user = flow.user
  if (!user || !flow.verification || !constantTimeEqual(flow.verification.code, code)) {
    throw invalidData('verificationCode', 'The verification code is not valid.')
  }
  userState(ctx, user).verified = true
  flow.verification = undefined
  advance(ctx, flow)
}

/** `user.sendVerificationCode` (no body): a new code replaces the old one. */
export function sendVerificationCodeAction(ctx: P1Context, flow: Flow): void {
  if (flow.user) sendVerificationCode(ctx, flow, flow.user)
}
