import {
  type ClientOptionsBase,
  type ClientPrivateKey,
  checkClientOptions,
  checkHttpUrl,
  ErrorCodes,
  RedirectlessError,
  requireNonEmpty,
  type TokenEndpointAuthMethod,
} from '@redirectless/core'

/** Options of {@link createPingFederateClient}. Only `baseUrl` and `clientId` are required. */
export interface PingFederateClientOptions extends ClientOptionsBase {
  /** PingFederate's runtime base URL, e.g. `https://sso.example.com:9031`. Requests go only to its origin (and `trustedOrigins`). */
  readonly baseUrl: string
  /** The OAuth client, which must have "Allow Authentication API Redirectless Mode". */
  readonly clientId: string
  /** Name the action in `?action=` with `application/json` instead of the vendor media type (PF ≥ 10.2). */
  readonly useActionParam?: boolean | undefined
  /**
   * Cookieless mode: keep `_pf_authn_api_state` from every answer and echo it in a header
   * (`X-PF-Authn-API-State` unless `headerName` says otherwise). The client must be configured for it in PF.
   */
  readonly cookieless?: boolean | { readonly headerName: string } | undefined
  /** Value of the `X-XSRF-Header` sent on every flow call. Default `PingFederate`. */
  readonly xsrfHeaderValue?: string | undefined
  /** The issuer id_tokens must carry. Default `baseUrl`. */
  readonly issuer?: string | undefined
  /**
   * On `RESUME`, let `flow.complete()` GET `resumeUrl` with the flow's cookies (origin-pinned, never
   * retried) and read the authorization response PingFederate hands over there (a redirect's
   * `Location`, which is read and never followed, an auto-post form, or `COMPLETED` JSON). Off by
   * default: `complete()` then fails with `RESUME_REQUIRED`. A step that needs a person still does.
   */
  readonly followResume?: boolean | undefined
}

/** The options after checking, with defaults filled in. */
export interface ResolvedClientOptions {
  readonly baseUrl: string
  readonly clientId: string
  readonly clientSecret: string | undefined
  readonly authMethod: TokenEndpointAuthMethod
  readonly privateKey: ClientPrivateKey | undefined
  readonly redirectUri: string | undefined
  readonly useActionParam: boolean
  readonly stateHeaderName: string | undefined
  readonly xsrfHeaderValue: string
  readonly issuer: string
  readonly followResume: boolean
}

/** The cookieless-mode header the widget and the emulator use by default. */
export const DEFAULT_STATE_HEADER = 'X-PF-Authn-API-State'
/** What the widget sends; any value does. */
export const DEFAULT_XSRF_HEADER_VALUE = 'PingFederate'

// RFC 9110 token: what a header name may be made of.
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/
// Visible ASCII and spaces: what a header value may hold without being mangled or split.
const HEADER_VALUE = /^[\x20-\x7e]+$/

const invalid = (message: string) => new RedirectlessError(ErrorCodes.INVALID_ARGUMENT, message)

/** Checks the client options; throws `INVALID_ARGUMENT` naming the first bad one (never its value). */
export function resolveClientOptions(options: PingFederateClientOptions): ResolvedClientOptions {
  if (!options || typeof options !== 'object')
    throw invalid('createPingFederateClient needs an options object')
  const baseUrl = checkHttpUrl(options.baseUrl, 'baseUrl').href.replace(/\/+$/, '')
  const { clientId, clientSecret, authMethod, redirectUri, privateKey } = checkClientOptions(options)
  if (options.useActionParam !== undefined && typeof options.useActionParam !== 'boolean') {
    throw invalid('useActionParam must be a boolean')
  }
  let stateHeaderName: string | undefined
  const cookieless = options.cookieless
  if (cookieless === true) stateHeaderName = DEFAULT_STATE_HEADER
  else if (cookieless && typeof cookieless === 'object') {
    if (typeof cookieless.headerName !== 'string' || !HEADER_NAME.test(cookieless.headerName)) {
      throw invalid('cookieless.headerName must be an HTTP header name')
    }
    stateHeaderName = cookieless.headerName
  } else if (cookieless !== undefined && cookieless !== false) {
    throw invalid('cookieless must be a boolean or { headerName }')
  }
  const xsrfHeaderValue = options.xsrfHeaderValue ?? DEFAULT_XSRF_HEADER_VALUE
  if (typeof xsrfHeaderValue !== 'string' || !HEADER_VALUE.test(xsrfHeaderValue)) {
    throw invalid('xsrfHeaderValue must be a non-empty header value (printable ASCII)')
  }
  const issuer = options.issuer === undefined ? baseUrl : requireNonEmpty(options.issuer, 'issuer')
  return {
    baseUrl,
    clientId,
    clientSecret,
    authMethod,
    privateKey,
    redirectUri,
    useActionParam: options.useActionParam ?? false,
    stateHeaderName,
    xsrfHeaderValue,
    issuer,
    followResume: options.followResume === true,
  }
}
