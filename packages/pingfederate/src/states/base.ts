import type { PingFederateStatus } from '../statuses.js'

/** One entry of `_links`: where to send the action (the flow URL itself, in every PF sample). */
export interface Link {
  readonly href: string
}

/**
 * The actions a state offers, as `_links` (contract §2.2). The keys named in `A` are the ones the
 * contract documents for the status; the server may leave any of them out (offer only what it
 * allows right now), so use `flow.can(action)` before showing a control.
 */
export type StateLinks<A extends string = never> = { readonly self?: Link } & { readonly [K in A]?: Link } & {
  readonly [action: string]: Link
}

/**
 * What every PingFederate flow state carries. Model fields sit next to `status`, not nested
 * (contract §2.2). In cookieless mode the `_pf_authn_api_state` member is taken out of the state
 * and kept with the flow's secrets, never shown here.
 */
export interface PingFederateStateBase<S extends PingFederateStatus, A extends string = never> {
  /** The flow id. It can change between answers; the client always follows the latest `_links`. */
  readonly id?: string
  /** The adapter or selector type that produced the state (HTML Form Adapter: `7RmQNDWaOnBoudTufx2sEw`). */
  readonly pluginTypeId?: string
  readonly status: S
  readonly _links?: StateLinks<A>
}

/** Captcha fields of the states that can show one (contract §3.2). */
export interface CaptchaModel {
  /** When true, get a token from `captchaProviderType` and send it as `captchaResponse`. */
  readonly showCaptcha?: boolean
  /** e.g. `reCAPTCHA v2 Invisible`, `reCAPTCHA v3`, `reCAPTCHA Enterprise`, `PingOne Protect`. */
  readonly captchaProviderType?: string
  /** Provider settings such as `siteKey` and `action`. */
  readonly captchaAttributes?: Readonly<Record<string, unknown>>
}
