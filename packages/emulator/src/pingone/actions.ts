import type { PingOneConfig } from './config.js'
import { consentAction, profileUpdateAction } from './consent.js'
import type { P1Context } from './context.js'
import { deviceConsentAction, userCodeVerifyAction } from './device-grant.js'
import { invalidData, invalidRequest, unsupportedMediaType } from './errors.js'
import { confirmAction } from './external.js'
import { assertionCheckAction } from './fido.js'
import { type Flow, type FlowStatus, TERMINAL_STATUSES } from './flow.js'
import { deviceSelectAction } from './mfa.js'
import { otpCheckAction } from './otp.js'
import {
  passwordForgotAction,
  passwordRecoverAction,
  passwordResetAction,
  sendRecoveryCodeAction,
  usernamePasswordAction,
} from './password.js'
import { formAction } from './policy.js'
import { reset } from './progress.js'
import { cancelPushAction } from './push.js'
import { registerAction, sendVerificationCodeAction, verifyAction } from './registration.js'
import { acceptInviteAction, kerberosLookupAction, userLookupAction } from './sign-on.js'

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
  // Their bodies are UNCONFIRMED: no body confirms as shown / looks up by the ticket.
  'user.confirm',
  'kerberos.lookup',
])

/** Contract §3.2: the docs write this one without `+json`, Ping's sample with it; both are accepted. */
const SUFFIX_OPTIONAL: ReadonlySet<FlowAction> = new Set(['password.sendRecoveryCode'])

/** The actions each status links whatever the policy (contract §3.3 table). */
const LINKED: Readonly<Record<FlowStatus, readonly FlowAction[]>> = {
  USERNAME_PASSWORD_REQUIRED: ['usernamePassword.check', 'session.reset'],
  SIGN_ON_REQUIRED: ['user.lookup'],
  PASSWORD_REQUIRED: [],
  MUST_CHANGE_PASSWORD: ['password.reset'],
  PASSWORD_EXPIRED: ['password.reset'],
  VERIFICATION_CODE_REQUIRED: ['user.verify', 'user.sendVerificationCode'],
  AGREEMENT_CONSENT_REQUIRED: ['user.consent'],
  PROFILE_DATA_REQUIRED: ['user.update'],
  EXTERNAL_AUTHENTICATION_REQUIRED: [],
  ACCOUNT_CONFIRMATION_REQUIRED: ['user.confirm'],
  ACCOUNT_LINKING_REQUIRED: ['usernamePassword.check'],
  DAG_USER_CODE_REQUIRED: ['deviceAuthGrant.userCode.verify'],
  DAG_CONSENT_REQUIRED: ['deviceAuthGrant.consent'],
  RECOVERY_CODE_REQUIRED: ['password.recover', 'password.sendRecoveryCode'],
  DEVICE_SELECTION_REQUIRED: ['device.select'],
  OTP_REQUIRED: ['otp.check', 'device.select'],
  PUSH_CONFIRMATION_REQUIRED: ['cancel.push.authentication', 'device.select'],
  PUSH_CONFIRMATION_TIMED_OUT: ['device.select'],
  ASSERTION_REQUIRED: ['assertion.check', 'device.select'],
  COMPLETED: [],
  FAILED: [],
}

/** Statuses that show a sign-on form, whose options (recovery, registration, invitations) add links. */
const FORMS: ReadonlySet<FlowStatus> = new Set([
  'USERNAME_PASSWORD_REQUIRED',
  'SIGN_ON_REQUIRED',
  'PASSWORD_REQUIRED',
])

/**
 * The `_links` action keys of the flow's status. `PASSWORD_REQUIRED`'s `usernamePassword.check` is
 * here only with `passwordRequiredLinks: 'top' | 'both'`; it may sit under `_embedded.requiredStep`.
 */
export function linkedActions(ctx: P1Context, flow: Flow): readonly FlowAction[] {
  const { config } = ctx
  const status = flow.status
  const linked = [...LINKED[status]]
  if (status === 'PASSWORD_REQUIRED' && config.passwordRequiredLinks !== 'requiredStep')
    linked.push('usernamePassword.check')
  if (FORMS.has(status)) {
    const form = formAction(flow)
    if (form?.recovery !== false) linked.push('password.forgot')
    if (status !== 'PASSWORD_REQUIRED' && form?.registration) linked.push('user.register')
    if (status !== 'PASSWORD_REQUIRED' && form?.invitations) linked.push('user.acceptInvite')
    if (status === 'SIGN_ON_REQUIRED' && form?.type === 'IDENTIFIER_FIRST' && form.kerberos)
      linked.push('kerberos.lookup')
  }
  if (
    config.linkSessionResetEverywhere &&
    !TERMINAL_STATUSES.has(status) &&
    !linked.includes('session.reset')
  )
    linked.push('session.reset')
  return linked
}

/** Every action the status allows: its links, the `usernamePassword.check` under `requiredStep`, and `session.reset` in every non-terminal status (contract §3.3's `*` transition). */
export function allowedActions(ctx: P1Context, flow: Flow): ReadonlySet<FlowAction> {
  const allowed = new Set(linkedActions(ctx, flow))
  if (flow.status === 'PASSWORD_REQUIRED') allowed.add('usernamePassword.check')
  if (!TERMINAL_STATUSES.has(flow.status)) allowed.add('session.reset')
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
  if (!allowedActions(ctx, flow).has(action)) {
    throw invalidRequest(`The action ${action} is not allowed when the flow status is ${flow.status}.`)
  }
  switch (action) {
    case 'usernamePassword.check':
      return usernamePasswordAction(ctx, flow, body)
    case 'user.lookup':
      return userLookupAction(ctx, flow, body)
    case 'password.forgot':
      return passwordForgotAction(ctx, flow, body)
    case 'password.sendRecoveryCode':
      return sendRecoveryCodeAction(ctx, flow)
    case 'password.recover':
      return passwordRecoverAction(ctx, flow, body)
    case 'password.reset':
      return passwordResetAction(ctx, flow, body)
    case 'user.register':
      return registerAction(ctx, flow, body)
    case 'user.verify':
      return verifyAction(ctx, flow, body)
    case 'user.sendVerificationCode':
      return sendVerificationCodeAction(ctx, flow)
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
    case 'user.update':
      return profileUpdateAction(ctx, flow, body)
    case 'user.confirm':
      return confirmAction(ctx, flow, body)
    case 'user.consent':
      return consentAction(ctx, flow, body)
    case 'kerberos.lookup':
      return kerberosLookupAction(ctx, flow)
    case 'deviceAuthGrant.userCode.verify':
      return userCodeVerifyAction(ctx, flow, body)
    case 'deviceAuthGrant.consent':
      return deviceConsentAction(ctx, flow, body)
    case 'user.acceptInvite':
      return acceptInviteAction(ctx, flow, body)
  }
}
