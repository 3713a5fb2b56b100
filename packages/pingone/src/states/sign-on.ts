import type { PingOneStateBase } from './common.js'

/** Sign on with `usernamePassword.check`; `password.forgot`, `user.register` and `session.reset` when offered. */
export interface PingOneUsernamePasswordRequired extends PingOneStateBase<'USERNAME_PASSWORD_REQUIRED'> {}

/** Identifier-first sign-on: send the username with `user.lookup`. */
export interface PingOneSignOnRequired extends PingOneStateBase<'SIGN_ON_REQUIRED'> {}

/** The user is known; only the password is missing (`usernamePassword.check`, link under `_embedded.requiredStep`). */
export interface PingOnePasswordRequired extends PingOneStateBase<'PASSWORD_REQUIRED'> {}

/** The password has expired: change it with `password.reset` (`_embedded.passwordPolicy` says how). */
export interface PingOnePasswordExpired extends PingOneStateBase<'PASSWORD_EXPIRED'> {}

/** An administrator requires a new password: `password.reset`. */
export interface PingOneMustChangePassword extends PingOneStateBase<'MUST_CHANGE_PASSWORD'> {}

/** A recovery code was sent: `password.recover` with it and a new password; `password.sendRecoveryCode` resends. */
export interface PingOneRecoveryCodeRequired extends PingOneStateBase<'RECOVERY_CODE_REQUIRED'> {}

/** An external identity matches no PingOne user: link an existing one with `usernamePassword.check`. */
export interface PingOneAccountLinkingRequired extends PingOneStateBase<'ACCOUNT_LINKING_REQUIRED'> {}

/**
 * The user must sign on at an external identity provider, which needs a browser: follow the
 * provider's link from `_embedded` in one, or use the hosted `signOnPage`.
 */
export interface PingOneExternalAuthenticationRequired
  extends PingOneStateBase<'EXTERNAL_AUTHENTICATION_REQUIRED'> {}
