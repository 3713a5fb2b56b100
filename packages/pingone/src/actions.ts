/** `device.select`/`assertion.check` `compatibility`: which FIDO authenticators the browser can use. */
export type PingOneCompatibility = 'FULL' | 'SECURITY_KEY_ONLY' | 'NONE'

/**
 * Every flow action and the body it takes, one entry per row of PingOne's media-type table
 * (contract §3.2). An action whose body type admits `undefined` may be submitted without one.
 *
 * @example
 * ```ts
 * await flow.submit('device.select', { device: { id: device.id } })
 * await flow.submit('otp.check', { otp: '123456' })
 * ```
 */
export type PingOneActions = {
  /** Sign on, or check the password (also links an account in `ACCOUNT_LINKING_REQUIRED`). */
  'usernamePassword.check': { readonly username: string; readonly password: string }
  /** Identifier-first / passwordless: who is signing on. */
  'user.lookup': { readonly username: string }
  /** Start password recovery; a recovery code is sent. */
  'password.forgot': { readonly username: string }
  /** Send the recovery code again. No body. */
  'password.sendRecoveryCode': undefined
  /** The recovery code and the new password. */
  'password.recover': { readonly recoveryCode: string; readonly newPassword: string }
  /** Change an expired password (`PASSWORD_EXPIRED`, `MUST_CHANGE_PASSWORD`). */
  'password.reset': { readonly currentPassword: string; readonly newPassword: string }
  /** Self-registration. */
  'user.register': { readonly username: string; readonly email: string; readonly password: string }
  /** The account verification code (8 characters) from the e-mail. */
  'user.verify': { readonly verificationCode: string }
  /** Send the verification e-mail again. No body. */
  'user.sendVerificationCode': undefined
  /** Choose the MFA device (also switches device, which resends an OTP). */
  'device.select': { readonly device: { readonly id: string }; readonly compatibility?: PingOneCompatibility }
  /** The one-time passcode. */
  'otp.check': { readonly otp: string }
  /**
   * A FIDO2 assertion: `assertion` is the JSON string `toAssertion()` (from
   * `@redirectless/pingone/webauthn`) makes of `navigator.credentials.get()`'s result; `origin`
   * the page's origin, which must match the one signed into `clientDataJSON`.
   */
  'assertion.check': {
    readonly origin: string
    readonly assertion: string
    readonly compatibility?: PingOneCompatibility
  }
  /** Stop a waiting push, e.g. to pick another device. The body defaults to `{ reason: 'CHANGE_DEVICE' }`. */
  'cancel.push.authentication': { readonly reason: 'CHANGE_DEVICE' | (string & {}) } | undefined
  /** Restart the flow from its first step. No body. */
  'session.reset': undefined
  /**
   * Progressive profiling: a value for each attribute of `_embedded.profileData.attributes` (by
   * PingOne name, e.g. `{ mobilePhone: '+1…' }`); optional ones may be left out.
   */
  'user.update': { readonly [attribute: string]: string }
  /**
   * Create the account an external provider sent (`ACCOUNT_CONFIRMATION_REQUIRED`), optionally with
   * its `username` / `email` corrected. No body confirms it as shown. (The body is UNCONFIRMED by
   * Ping's docs.)
   */
  'user.confirm': { readonly username?: string; readonly email?: string } | undefined
  /** Accept (or refuse, which fails the flow) the agreement. */
  'user.consent': { readonly accept: boolean }
  /**
   * Kerberos sign-on: the browser's ticket (sent by the browser itself, SPNEGO) names the user. No
   * body (its shape is UNCONFIRMED by Ping's docs).
   */
  'kerberos.lookup': { readonly [member: string]: unknown } | undefined
  /** Device authorization grant: the code the device shows. */
  'deviceAuthGrant.userCode.verify': { readonly userCode: string }
  /** Device authorization grant: allow the device or not. */
  'deviceAuthGrant.consent': { readonly accept: boolean }
  /** Accept an administrator invitation and set a password. */
  'user.acceptInvite': { readonly inviteCode: string; readonly password: string; readonly accept: boolean }
}

/** A flow action id. */
export type PingOneAction = keyof PingOneActions

/** The actions, for runtime checks (kept in step with {@link PingOneActions} by a type test). */
export const PINGONE_ACTIONS = [
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
] as const satisfies readonly PingOneAction[]

/** The action that stops a waiting push. */
export const CANCEL_PUSH_ACTION = 'cancel.push.authentication'

/** `application/vnd.pingidentity.<action>+json`: the header that selects the action (contract §3.2). */
export function actionMediaType(action: string): string {
  // Ping's docs list `password.sendRecoveryCode` without `+json`, but its own sample sends `+json`
  // and a JSON body; the `+json` form is the one every server variant accepts.
  return `application/vnd.pingidentity.${action}+json`
}

/**
 * The JSON body for `action`. Actions without a body get `{}` (what Ping's sample UI sends), so a
 * server that parses every action body as JSON never sees an empty one.
 */
export function actionBody(action: string, body: unknown): string {
  if (body === undefined || body === null) {
    return JSON.stringify(action === CANCEL_PUSH_ACTION ? { reason: 'CHANGE_DEVICE' } : {})
  }
  return JSON.stringify(body)
}
