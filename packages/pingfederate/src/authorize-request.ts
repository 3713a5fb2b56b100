/**
 * The request that starts a flow: `/as/authorization.oauth2` with `response_mode=pi.flow`, as a
 * GET query or a POST form (contract §1.1). Pure: no I/O, no randomness.
 * @module
 */
import { ErrorCodes, type HttpRequest, RedirectlessError } from '@redirectless/core'

/** The authorization endpoint, relative to the PingFederate base URL. */
export const AUTHORIZATION_PATH = '/as/authorization.oauth2'

/**
 * What PingFederate issues when the flow completes: `code` (the default, with PKCE), implicit
 * `token`/`id_token`, a hybrid, or `none` (only checks or makes the SSO session; nothing is issued).
 */
export type PingFederateResponseType =
  | 'code'
  | 'token'
  | 'id_token'
  | 'id_token token'
  | 'code id_token'
  | 'code token'
  | 'code id_token token'
  | 'none'

/** What `startFlow()` asks PingFederate for. */
export interface StartFlowParams {
  /** Scopes, as a list or space-separated; include `openid` to get an id_token. */
  readonly scope: string | readonly string[]
  /** Default `'code'`. */
  readonly responseType?: PingFederateResponseType | undefined
  /** Send a PKCE S256 challenge (with a `code` response type). Default true. */
  readonly pkce?: boolean | undefined
  /** `acr_values`, preference order. */
  readonly acrValues?: string | readonly string[] | undefined
  /** `login_hint`: pre-fills the username of the HTML Form Adapter. */
  readonly loginHint?: string | undefined
  /** `prompt`: PF supports `none`, `login`, `consent`, `create`. */
  readonly prompt?: string | readonly string[] | undefined
  /** `max_age` in seconds: forces re-authentication when the session is older; `auth_time` is then checked. */
  readonly maxAge?: number | undefined
  /** The OAuth `state`; a random one by default. Checked against the authorization response. */
  readonly state?: string | undefined
  /** The OpenID `nonce`; a random one by default. Checked against every id_token. */
  readonly nonce?: string | undefined
  /**
   * Other authorization parameters (`idp`, `pfidpadapterid`, `access_token_manager_id`, `aud`,
   * `ui_locales`, …). They may not repeat a parameter this client sets: that is `INVALID_ARGUMENT`.
   */
  readonly extraParams?: Readonly<Record<string, string>> | undefined
  /** `'GET'` (a query string, the default) or `'POST'` (a form body). */
  readonly method?: 'GET' | 'POST' | undefined
}

/** Parameters this client owns; `extraParams` may not set them. */
export const RESERVED_PARAMS: readonly string[] = [
  'client_id',
  'response_type',
  'response_mode',
  'redirect_uri',
  'scope',
  'state',
  'nonce',
  'code_challenge',
  'code_challenge_method',
  'code_verifier',
  'acr_values',
  'login_hint',
  'prompt',
  'max_age',
]

/** {@link StartFlowParams} checked and in wire form. */
export interface NormalizedStartParams {
  readonly scope: string
  readonly responseType: PingFederateResponseType
  /** Whether a PKCE challenge goes out (only with a `code` response type). */
  readonly pkce: boolean
  readonly acrValues?: string
  readonly loginHint?: string
  readonly prompt?: string
  readonly maxAge?: number
  readonly state?: string
  readonly nonce?: string
  readonly extraParams: Readonly<Record<string, string>>
  readonly method: 'GET' | 'POST'
}

const invalid = (message: string) => new RedirectlessError(ErrorCodes.INVALID_ARGUMENT, message)

function spaceList(value: unknown, name: string, required: boolean): string | undefined {
  if (value === undefined && !required) return undefined
  const items = typeof value === 'string' ? value.split(/\s+/) : Array.isArray(value) ? value : undefined
  if (!items || items.some((item) => typeof item !== 'string')) {
    throw invalid(`${name} must be a string or a list of strings`)
  }
  const tokens = (items as string[]).flatMap((item) => item.split(/\s+/)).filter(Boolean)
  if (tokens.length === 0) {
    if (required) throw invalid(`${name} must name at least one value`)
    return undefined
  }
  return [...new Set(tokens)].join(' ')
}

function optionalText(value: unknown, name: string): string | undefined {
  if (value === undefined) return undefined
  if (typeof value !== 'string' || value.length === 0) throw invalid(`${name} must be a non-empty string`)
  return value
}

const RESPONSE_TYPE_ORDER = ['code', 'id_token', 'token'] as const

/** Puts a response type into its canonical order (`token code` → `code token`), refusing unknown parts. */
export function normalizeResponseType(value: unknown): PingFederateResponseType {
  if (value === undefined) return 'code'
  if (typeof value !== 'string') throw invalid('responseType must be a string')
  const parts = new Set(value.split(/\s+/).filter(Boolean))
  if (parts.size === 1 && parts.has('none')) return 'none'
  if (parts.size === 0 || [...parts].some((p) => !(RESPONSE_TYPE_ORDER as readonly string[]).includes(p))) {
    throw invalid(
      `responseType ${JSON.stringify(value)} is not code, token, id_token, a combination of them, or none`,
    )
  }
  return RESPONSE_TYPE_ORDER.filter((p) => parts.has(p)).join(' ') as PingFederateResponseType
}

/** Checks `startFlow()` parameters; throws `INVALID_ARGUMENT` on anything unusable. */
export function normalizeStartParams(params: StartFlowParams): NormalizedStartParams {
  if (!params || typeof params !== 'object')
    throw invalid('startFlow needs a parameters object with at least scope')
  const responseType = normalizeResponseType(params.responseType)
  if (params.pkce !== undefined && typeof params.pkce !== 'boolean') throw invalid('pkce must be a boolean')
  if (params.maxAge !== undefined && !(Number.isSafeInteger(params.maxAge) && params.maxAge >= 0)) {
    throw invalid('maxAge must be a whole number of seconds, 0 or more')
  }
  if (params.method !== undefined && params.method !== 'GET' && params.method !== 'POST') {
    throw invalid('method must be GET or POST')
  }
  const extraParams: Record<string, string> = {}
  if (params.extraParams !== undefined) {
    if (!params.extraParams || typeof params.extraParams !== 'object' || Array.isArray(params.extraParams)) {
      throw invalid('extraParams must be an object of strings')
    }
    for (const [name, value] of Object.entries(params.extraParams)) {
      if (RESERVED_PARAMS.includes(name)) {
        throw invalid(`extraParams may not set ${name}: it is set by the client (use the matching option)`)
      }
      if (name.length === 0 || typeof value !== 'string')
        throw invalid('extraParams must map names to strings')
      extraParams[name] = value
    }
  }
  const scope = spaceList(params.scope, 'scope', true) as string
  const acrValues = spaceList(params.acrValues, 'acrValues', false)
  const prompt = spaceList(params.prompt, 'prompt', false)
  const loginHint = optionalText(params.loginHint, 'loginHint')
  const state = optionalText(params.state, 'state')
  const nonce = optionalText(params.nonce, 'nonce')
  return {
    scope,
    responseType,
    pkce: params.pkce !== false && responseType.split(' ').includes('code'),
    ...(acrValues !== undefined && { acrValues }),
    ...(loginHint !== undefined && { loginHint }),
    ...(prompt !== undefined && { prompt }),
    ...(params.maxAge !== undefined && { maxAge: params.maxAge }),
    ...(state !== undefined && { state }),
    ...(nonce !== undefined && { nonce }),
    extraParams,
    method: params.method ?? 'GET',
  }
}

/** Everything the authorization request carries, with the generated values filled in. */
export interface AuthorizeRequestInput {
  /** PingFederate's base URL, e.g. `https://sso.example.com:9031`. */
  readonly baseUrl: string
  readonly clientId: string
  readonly redirectUri?: string | undefined
  readonly params: NormalizedStartParams
  readonly state: string
  readonly nonce: string
  /** The S256 challenge, when PKCE is on. */
  readonly codeChallenge?: string | undefined
}

/**
 * The authorization parameters, encoded by `URLSearchParams` (so `&`, `=`, `+`, `#` in a `state`
 * or `login_hint` stay data), with `response_mode=pi.flow` last.
 */
export function authorizationParams(input: AuthorizeRequestInput): URLSearchParams {
  const { params } = input
  const out = new URLSearchParams()
  out.set('client_id', input.clientId)
  out.set('response_type', params.responseType)
  out.set('scope', params.scope)
  out.set('state', input.state)
  out.set('nonce', input.nonce)
  if (input.redirectUri !== undefined) out.set('redirect_uri', input.redirectUri)
  if (input.codeChallenge !== undefined) {
    out.set('code_challenge', input.codeChallenge)
    out.set('code_challenge_method', 'S256')
  }
  if (params.acrValues !== undefined) out.set('acr_values', params.acrValues)
  if (params.loginHint !== undefined) out.set('login_hint', params.loginHint)
  if (params.prompt !== undefined) out.set('prompt', params.prompt)
  if (params.maxAge !== undefined) out.set('max_age', String(params.maxAge))
  for (const [name, value] of Object.entries(params.extraParams)) out.set(name, value)
  out.set('response_mode', 'pi.flow')
  return out
}

/** The GET (query) or POST (form) request that starts the flow. */
export function buildAuthorizeRequest(input: AuthorizeRequestInput): HttpRequest {
  const url = new URL(`${input.baseUrl.replace(/\/+$/, '')}${AUTHORIZATION_PATH}`)
  const params = authorizationParams(input)
  if (input.params.method === 'POST') {
    return {
      method: 'POST',
      url,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: params.toString(),
    }
  }
  url.search = params.toString()
  return { method: 'GET', url }
}
