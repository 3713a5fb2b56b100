import type {
  PingOneEmbedded,
  PingOneFlowUser,
  PingOnePasswordPolicy,
  PingOneSocialProvider,
  PingOneStateBase,
} from './common.js'

/** `_embedded` of the sign-on forms: social providers to offer, and the password policy when registration is. */
export interface PingOneSignOnEmbedded extends PingOneEmbedded {
  readonly socialProviders?: readonly PingOneSocialProvider[]
  readonly passwordPolicy?: PingOnePasswordPolicy
}

/**
 * Sign on with `usernamePassword.check`. When offered: `password.forgot`, `user.register`
 * (`_embedded.passwordPolicy` says what a password needs), `user.acceptInvite`, `session.reset`, and
 * social sign-on through `_embedded.socialProviders` (a browser page, see {@link PingOneSocialProvider}).
 */
export interface PingOneUsernamePasswordRequired extends PingOneStateBase<'USERNAME_PASSWORD_REQUIRED'> {
  readonly _embedded?: PingOneSignOnEmbedded
}

/**
 * Identifier-first sign-on: send the username with `user.lookup`. The policy then asks the password
 * (`PASSWORD_REQUIRED`) or, passwordless, goes to MFA. Also offered: `password.forgot`,
 * `user.register`, `user.acceptInvite`, `kerberos.lookup` and social providers, as the policy allows.
 */
export interface PingOneSignOnRequired extends PingOneStateBase<'SIGN_ON_REQUIRED'> {
  readonly _embedded?: PingOneSignOnEmbedded
}

/**
 * The user is known (identifier first, or a `login_hint_token`); only the password is missing:
 * `usernamePassword.check` with `_embedded.user.username`. PingOne may link it under
 * `_embedded.requiredStep._links`; the client lists it in `_links` either way.
 */
export interface PingOnePasswordRequired extends PingOneStateBase<'PASSWORD_REQUIRED'> {
  readonly _embedded?: PingOneSignOnEmbedded & { readonly user?: PingOneFlowUser }
}

/** `_embedded` of the password-change statuses: the policy the new password must satisfy. */
export interface PingOnePasswordChangeEmbedded extends PingOneEmbedded {
  readonly passwordPolicy?: PingOnePasswordPolicy
}

/**
 * The password has expired: `password.reset { currentPassword, newPassword }`. A new password the
 * policy refuses is a `FLOW_ERROR` whose `server.details[0].innerError.unsatisfiedRequirements`
 * names the rules of `_embedded.passwordPolicy` it breaks.
 */
export interface PingOnePasswordExpired extends PingOneStateBase<'PASSWORD_EXPIRED'> {
  readonly _embedded?: PingOnePasswordChangeEmbedded
}

/** An administrator requires a new password: `password.reset`, as for {@link PingOnePasswordExpired}. */
export interface PingOneMustChangePassword extends PingOneStateBase<'MUST_CHANGE_PASSWORD'> {
  readonly _embedded?: PingOnePasswordChangeEmbedded
}

/**
 * A recovery code was e-mailed: `password.recover { recoveryCode, newPassword }`;
 * `password.sendRecoveryCode` sends another.
 */
export interface PingOneRecoveryCodeRequired extends PingOneStateBase<'RECOVERY_CODE_REQUIRED'> {
  readonly _embedded?: PingOnePasswordChangeEmbedded
}

/** `_embedded` of the external-account statuses: the provider, and (confirmation) the account it sent. */
export interface PingOneExternalEmbedded extends PingOneEmbedded {
  readonly identityProvider?: PingOneSocialProvider
}

/**
 * An external account matches no PingOne user: link it to an existing one by signing on with
 * `usernamePassword.check`.
 */
export interface PingOneAccountLinkingRequired extends PingOneStateBase<'ACCOUNT_LINKING_REQUIRED'> {
  readonly _embedded?: PingOneExternalEmbedded
}

/**
 * The user must sign on at `_embedded.identityProvider`, which needs a browser: open its
 * `_links.authenticate.href` (a page, not an action), then wait with `flow.poll()` while the flow
 * re-reads itself; it changes once the browser is back.
 */
export interface PingOneExternalAuthenticationRequired
  extends PingOneStateBase<'EXTERNAL_AUTHENTICATION_REQUIRED'> {
  readonly _embedded?: PingOneExternalEmbedded
}
