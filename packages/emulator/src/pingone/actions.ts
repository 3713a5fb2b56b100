import type { PingOneConfig } from './config.js'
import type { P1Context } from './context.js'
import { invalidData, invalidRequest, PlatformError, unsupportedMediaType } from './errors.js'
import { assertionCheckAction } from './fido.js'
import { type Flow, type FlowStatus, TERMINAL_STATUSES } from './flow.js'
import { deviceSelectAction } from './mfa.js'
import { otpCheckAction } from './otp.js'
import {
  passwordForgotAction,
  passwordRecoverAction,
  sendRecoveryCodeAction,
  usernamePasswordAction,
} from './password.js'
import { reset } from './progress.js'
import { cancelPushAction } from './push.js'

/** Every action of the media-type table in contract §3.2, chosen by `application/vnd.pingidentity.<action>+json`. */
export const FLOW_ACTIONS = [
  'usernamePassword.check',
  'user.lookup',
  'password.forgot',
  'password.sendRecoveryCode',
  'password.recover',
  'password.reset',
  'user.register',
  'user.verify',
  'user.sendVerificationCode',
  'device.select',
  'otp.check',
  'assertion.check',
  'cancel.push.authentication',
  'session.reset',
  'user.update',
  'user.confirm',
  'user.consent',
  'kerberos.lookup',
  'deviceAuthGrant.userCode.verify',
  'deviceAuthGrant.consent',
  'user.acceptInvite',
] as const

/** A flow action name (the `_links` key and the media type's `<action>`). */
export type FlowAction = (typeof FLOW_ACTIONS)[number]

/** Actions taking no body. */
const BODYLESS: ReadonlySet<FlowAction> = new Set([
  'password.sendRecoveryCode',
  'user.sendVerificationCode',
  'session.reset',
])

/** Contract §3.2: the docs write this one without `+json`, Ping's sample with it; both are accepted. */
const SUFFIX_OPTIONAL: ReadonlySet<FlowAction> = new Set(['password.sendRecoveryCode'])

/** The actions linked in each status (contract §3.3 table); the rest of the catalogue answers 400 there. */
const LINKED: Readonly<Record<FlowStatus, readonly FlowAction[]>> = {
  USERNAME_PASSWORD_REQUIRED: ['usernamePassword.check', 'password.forgot', 'session.reset'],
  RECOVERY_CODE_REQUIRED: ['password.recover', 'password.sendRecoveryCode'],
  DEVICE_SELECTION_REQUIRED: ['device.select'],
  OTP_REQUIRED: ['otp.check', 'device.select'],
  PUSH_CONFIRMATION_REQUIRED: ['cancel.push.authentication', 'device.select'],
  PUSH_CONFIRMATION_TIMED_OUT: ['device.select'],
  ASSERTION_REQUIRED: ['assertion.check', 'device.select'],
  COMPLETED: [],
  FAILED: [],
}

/** The `_links` action keys of a status. */
export function linkedActions(config: PingOneConfig, status: FlowStatus): readonly FlowAction[] {
  const linked = LINKED[status]
  if (
    !config.linkSessionResetEverywhere ||
    TERMINAL_STATUSES.has(status) ||
    linked.includes('session.reset')
  ) {
    return linked
  }
  return [...linked, 'session.reset']
}

/** Linked actions, plus `session.reset` in every non-terminal status (contract §3.3's `*` transition). */
export function allowedActions(config: PingOneConfig, status: FlowStatus): ReadonlySet<FlowAction> {
  const allowed = new Set(linkedActions(config, status))
  if (!TERMINAL_STATUSES.has(status)) allowed.add('session.reset')
  return allowed
}

/**
 * The action a `Content-Type` selects. Anything but `application/vnd.pingidentity.*` is 415; an
 * unknown action is `unknownActionStatus`.
 */
export function actionOf(config: PingOneConfig, contentType: string | null): FlowAction {
  const type = (contentType ?? '').split(';')[0]?.trim() ?? ''
  const match = /^application\/vnd\.pingidentity\.(.+?)(\+json)?$/i.exec(type)
  if (!match?.[1]) {
    throw unsupportedMediaType('The Content-Type must be application/vnd.pingidentity.<action>+json.')
  }
  const name = match[1]
  const action = FLOW_ACTIONS.find((a) => a === name)
  if (!action || (!match[2] && !SUFFIX_OPTIONAL.has(action))) {
    const message = 'The Content-Type does not name a flow action this server supports.'
    throw config.unknownActionStatus === 415 ? unsupportedMediaType(message) : invalidRequest(message)
  }
  return action
}

/** The action's JSON body: an object, or `{}` for a bodyless action sent with an empty body. */
export async function actionBody(action: FlowAction, request: Request): Promise<Record<string, unknown>> {
  const text = await request.text()
  if (text.trim() === '') {
    if (BODYLESS.has(action)) return {}
    throw invalidData('body', 'The request body is required.', 'REQUIRED_VALUE')
  }
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    throw invalidData('body', 'The request body is not valid JSON.')
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw invalidData('body', 'The request body must be a JSON object.')
  }
  return parsed as Record<string, unknown>
}

/** Runs an action the flow's status allows; otherwise 400 `INVALID_REQUEST` (contract §3.3). */
export async function runAction(
  ctx: P1Context,
  flow: Flow,
  action: FlowAction,
  body: Readonly<Record<string, unknown>>,
): Promise<void> {
  if (!allowedActions(ctx.config, flow.status).has(action)) {
    throw invalidRequest(`The action ${action} is not allowed when the flow status is ${flow.status}.`)
  }
  switch (action) {
    case 'usernamePassword.check':
      return usernamePasswordAction(ctx, flow, body)
    case 'password.forgot':
      return passwordForgotAction(ctx, flow, body)
    case 'password.sendRecoveryCode':
      return sendRecoveryCodeAction(ctx, flow)
    case 'password.recover':
      return passwordRecoverAction(ctx, flow, body)
    case 'device.select':
      return deviceSelectAction(ctx, flow, body)
    case 'otp.check':
      return otpCheckAction(ctx, flow, body)
    case 'assertion.check':
      return assertionCheckAction(ctx, flow, body)
    case 'cancel.push.authentication':
      return cancelPushAction(ctx, flow, body)
    case 'session.reset':
      return reset(ctx, flow)
    default:
      // Recognised, but no status the emulator produces links it, so the check above already refused it.
      throw new PlatformError(500, 'UNEXPECTED_ERROR', `The action ${action} is not implemented.`)
  }
}
