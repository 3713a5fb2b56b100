import {
  type ClientOptionsBase,
  ErrorCodes,
  RedirectlessError,
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
}

/** The options after checking, with defaults filled in. */
export interface ResolvedClientOptions {
  readonly baseUrl: string
  readonly clientId: string
  readonly clientSecret: string | undefined
  readonly authMethod: TokenEndpointAuthMethod
  readonly redirectUri: string | undefined
  readonly useActionParam: boolean
  readonly stateHeaderName: string | undefined
  readonly xsrfHeaderValue: string
  readonly issuer: string
}

/** The cookieless-mode header the widget and the emulator use by default. */
export const DEFAULT_STATE_HEADER = 'X-PF-Authn-API-State'
/** What the widget sends; any value does. */
export const DEFAULT_XSRF_HEADER_VALUE = 'PingFederate'

const AUTH_METHODS: readonly TokenEndpointAuthMethod[] = ['none', 'client_secret_basic', 'client_secret_post']
// RFC 9110 token: what a header name may be made of.
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/
// Visible ASCII and spaces: what a header value may hold without being mangled or split.
const HEADER_VALUE = /^[\x20-\x7e]+$/

const invalid = (message: string) => new RedirectlessError(ErrorCodes.INVALID_ARGUMENT, message)

function httpUrl(value: unknown, name: string): URL {
  if (typeof value !== 'string') throw invalid(`${name} must be a URL string`)
  let url: URL
  try {
    url = new URL(value)
  } catch {
    throw invalid(`${name} must be an absolute URL`)
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw invalid(`${name} must be an http(s) URL`)
  if (url.search || url.hash || url.username || url.password)
    throw invalid(`${name} must not carry a query, fragment or credentials`)
  return url
}

function nonEmpty(value: unknown, name: string): string {
  if (typeof value !== 'string' || value.trim().length === 0)
    throw invalid(`${name} must be a non-empty string`)
  return value
}

function optionalFunction(value: unknown, name: string): void {
  if (value !== undefined && typeof value !== 'function') throw invalid(`${name} must be a function`)
}

/** Checks the client options; throws `INVALID_ARGUMENT` naming the first bad one (never its value). */
export function resolveClientOptions(options: PingFederateClientOptions): ResolvedClientOptions {
  if (!options || typeof options !== 'object')
    throw invalid('createPingFederateClient needs an options object')
  const baseUrl = httpUrl(options.baseUrl, 'baseUrl').href.replace(/\/+$/, '')
  const clientId = nonEmpty(options.clientId, 'clientId')
  const clientSecret =
    options.clientSecret === undefined ? undefined : nonEmpty(options.clientSecret, 'clientSecret')
  const authMethod = options.tokenEndpointAuthMethod ?? (clientSecret ? 'client_secret_basic' : 'none')
  if (!AUTH_METHODS.includes(authMethod))
    throw invalid(`tokenEndpointAuthMethod must be one of ${AUTH_METHODS.join(', ')}`)
  if (authMethod !== 'none' && !clientSecret)
    throw invalid(`tokenEndpointAuthMethod ${authMethod} needs clientSecret`)
  if (authMethod === 'none' && clientSecret) {
    throw invalid(
      'clientSecret is set but tokenEndpointAuthMethod is none: choose client_secret_basic or client_secret_post',
    )
  }
  let redirectUri: string | undefined
  if (options.redirectUri !== undefined) {
    redirectUri = nonEmpty(options.redirectUri, 'redirectUri')
    // Custom schemes (com.example.app:/callback) are fine; only the URL syntax is checked.
    try {
      new URL(redirectUri)
    } catch {
      throw invalid('redirectUri must be an absolute URI')
    }
  }
  optionalFunction(options.fetch, 'fetch')
  optionalFunction(options.now, 'now')
  optionalFunction(options.random, 'random')
  if (options.timeout !== undefined && !(typeof options.timeout === 'number' && options.timeout > 0)) {
    throw invalid('timeout must be a positive number of milliseconds')
  }
  if (options.trustedOrigins !== undefined) {
    if (!Array.isArray(options.trustedOrigins)) throw invalid('trustedOrigins must be a list of origins')
    for (const [i, origin] of options.trustedOrigins.entries()) httpUrl(origin, `trustedOrigins[${i}]`)
  }
  const cookies = options.cookies
  if (
    cookies !== undefined &&
    (!cookies || typeof cookies.create !== 'function' || typeof cookies.restore !== 'function')
  ) {
    throw invalid('cookies must be a cookie-jar provider (e.g. toughCookieJar or platformCookies)')
  }
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
  const issuer = options.issuer === undefined ? baseUrl : nonEmpty(options.issuer, 'issuer')
  return {
    baseUrl,
    clientId,
    clientSecret,
    authMethod,
    redirectUri,
    useActionParam: options.useActionParam ?? false,
    stateHeaderName,
    xsrfHeaderValue,
    issuer,
  }
}
