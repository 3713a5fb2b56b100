/** A HAL link. Action links all point at `{authBase}/{envId}/flows/{flowId}`; the key names the action. */
export interface PingOneLink {
  readonly href: string
}

/** `_links`: the actions the current status offers, plus `self` and `signOnPage` (the hosted UI). */
export type PingOneLinks = Readonly<Record<string, PingOneLink>>

/**
 * The kind of an MFA device. The first six are what the Flows API shows in MFA-only flows;
 * others PingOne may add arrive as plain strings.
 */
export type PingOneDeviceType =
  | 'SMS'
  | 'EMAIL'
  | 'VOICE'
  | 'TOTP'
  | 'MOBILE'
  | 'FIDO2'
  | 'WHATSAPP'
  | 'OATH_TOKEN'
  | (string & {})

/** One entry of `_embedded.devices[]`: a device the user can pick with `device.select`. */
export interface PingOneDevice {
  readonly id: string
  readonly type: PingOneDeviceType
  /** `ACTIVE` for every device the flow offers. */
  readonly status?: string
  /** `SMS`/`VOICE`: the masked number, e.g. `*******01`. */
  readonly phone?: string
  /** `EMAIL`: the masked address, e.g. `jo****@example.com`. */
  readonly email?: string
  /** The name the user gave the device, when any. */
  readonly nickname?: string
  /** Wrong OTPs entered for this device so far (PingOne shows 0 before the first). */
  readonly userRetries?: number
  readonly createdAt?: string
  readonly updatedAt?: string
}

/**
 * `_embedded.user`: who the flow is for, once known. `id` is absent for an account that does not
 * exist yet (`ACCOUNT_CONFIRMATION_REQUIRED` shows what an external provider sent) and for a
 * username identifier-first sign-on could not match.
 */
export interface PingOneFlowUser {
  readonly id?: string
  readonly username?: string
  readonly email?: string
  readonly name?: { readonly given?: string; readonly family?: string; readonly formatted?: string }
}

/** `_embedded.application`: the app the user is signing on to. */
export interface PingOneFlowApplication {
  readonly name?: string
  readonly icon?: { readonly id?: string; readonly href?: string }
}

/** `_embedded.passwordPolicy`: what a new password must satisfy (shown before `password.reset`/`user.register`). */
export interface PingOnePasswordPolicy {
  readonly id?: string
  readonly name?: string
  readonly length?: { readonly min?: number; readonly max?: number }
  readonly minCharacters?: Readonly<Record<string, number>>
  readonly excludesCommonlyUsed?: boolean
  readonly excludesProfileData?: boolean
  readonly maxRepeatedCharacters?: number
  readonly minUniqueCharacters?: number
  readonly history?: { readonly count?: number; readonly retentionDays?: number }
}

/**
 * `_embedded.socialProviders[]` (and `identityProvider`): an external identity provider. Its
 * `_links.authenticate` is a page the user's browser opens to sign on there, not an action: after
 * it, read the flow again (`flow.poll()` / `flow.refresh()`).
 */
export interface PingOneSocialProvider {
  readonly id?: string
  /** `FACEBOOK`, `GOOGLE`, `APPLE`, `OPENID_CONNECT`, `SAML`, … */
  readonly type?: string
  readonly name?: string
  readonly _links?: { readonly authenticate?: PingOneLink; readonly [name: string]: PingOneLink | undefined }
}

/** One attribute progressive profiling asks for (`PROFILE_DATA_REQUIRED`). */
export interface PingOneProfileAttribute {
  /** PingOne's attribute name, e.g. `mobilePhone`, `nickname`, `address.locality`. */
  readonly name: string
  /** Whether `user.update` must carry it. */
  readonly required?: boolean
}

/** `_embedded.profileData`: what progressive profiling asks (`PROFILE_DATA_REQUIRED`). */
export interface PingOneProfileData {
  readonly promptText?: string
  readonly attributes: readonly PingOneProfileAttribute[]
}

/** `_embedded.deviceAuthorization` in `DAG_CONSENT_REQUIRED`: the device the user allows, and for what. */
export interface PingOneDeviceAuthorization {
  /** The code the device showed, to compare with the screen. */
  readonly userCode?: string
  readonly scopes?: readonly string[]
}

/** `_embedded.agreement`: the terms to accept in `AGREEMENT_CONSENT_REQUIRED`. */
export interface PingOneAgreement {
  readonly id?: string
  readonly name?: string
  readonly language?: string
  readonly text?: string
  readonly reconsentPeriodDays?: number
  /** True when the policy does not let the user decline (`user.consent { accept: false }` is refused). */
  readonly declineOptionDisabled?: boolean
}

/** `_embedded`: what the current status needs to render. Every member is present only when relevant. */
export interface PingOneEmbedded {
  readonly devices?: readonly PingOneDevice[]
  readonly user?: PingOneFlowUser
  readonly application?: PingOneFlowApplication
  readonly passwordPolicy?: PingOnePasswordPolicy
  readonly socialProviders?: readonly PingOneSocialProvider[]
  readonly agreement?: PingOneAgreement
  readonly profileData?: PingOneProfileData
  /** The external identity provider of `EXTERNAL_AUTHENTICATION_REQUIRED` and the account statuses after it. */
  readonly identityProvider?: PingOneSocialProvider
  readonly deviceAuthorization?: PingOneDeviceAuthorization
  /**
   * `PASSWORD_REQUIRED`: the step whose `_links` carry the `usernamePassword.check` link. The client
   * copies them into the state's `_links`, so `flow.submit()` finds them either way.
   */
  readonly requiredStep?: { readonly _links?: PingOneLinks; readonly [member: string]: unknown }
}

/**
 * The members every flow object has (contract §1.3). The server may add others; they are kept on the
 * frozen state as sent.
 */
export interface PingOneStateBase<Status extends string> {
  /** The flow id, as in `/{envId}/flows/{flowId}` and `resumeUrl`. */
  readonly id: string
  readonly status: Status
  readonly _links: PingOneLinks
  readonly _embedded?: PingOneEmbedded
  readonly environment?: { readonly id: string }
  /** Present once PingOne has a session for the user. */
  readonly session?: { readonly id: string }
  /** `{authBase}/{envId}/as/resume?flowId={flowId}`: where `complete()` fetches the authorization response. */
  readonly resumeUrl?: string
  /** ISO-8601. */
  readonly createdAt?: string
  /** ISO-8601. Every call on the flow pushes it forward (15 minutes of inactivity and the flow is gone). */
  readonly expiresAt?: string
}
