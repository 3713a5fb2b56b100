import {
  type AuthorizationRequestState,
  ErrorCodes,
  type FlowSession,
  type HttpRequest,
  RedirectlessError,
} from '@redirectless/core'

/** `response_type` values PingOne takes (contract §1.2); any order of the parts is accepted. */
export type PingOneResponseType =
  | 'code'
  | 'token'
  | 'id_token'
  | 'token id_token'
  | 'id_token token'
  | 'code id_token'
  | 'code token'
  | 'code id_token token'

/** What `startFlow()` sends on the authorization request. */
export interface PingOneStartFlowOptions {
  /** Space-separated scopes, e.g. `openid profile`. `openid` gets an id_token, validated by `complete()`. */
  readonly scope: string
  /**
   * A signed JWT naming the already-authenticated user (see `createLoginHintToken`): what makes the
   * flow MFA-only. Mint it on a server; the key that signs it must never reach a browser or an app.
   */
  readonly loginHintToken?: string | undefined
  /** A request-object JWT (see `createRequestObject`): `pi.remoteIp`, `pi.template`, `pi.clientContext`. */
  readonly request?: string | undefined
  /** Sign-on policy names in order of preference (e.g. `MFA-Only`), or one DaVinci flow policy id. */
  readonly acrValues?: string | readonly string[] | undefined
  /** Default `code`. Implicit types (`token id_token`) get the tokens from resume with no token call. */
  readonly responseType?: PingOneResponseType | undefined
  /** Send a PKCE S256 challenge with `code` response types. Default true. */
  readonly pkce?: boolean | undefined
  /**
   * Sent and then required back in the authorization response. PingOne's echo of `state` under
   * pi.flow is not documented, so none is sent unless given.
   */
  readonly state?: string | undefined
  /** Default: a random nonce whenever `scope` has `openid`; the id_token must carry it back. */
  readonly nonce?: string | undefined
  /** Seconds; the id_token's `auth_time` must then be recent enough. */
  readonly maxAge?: number | undefined
  readonly prompt?: 'none' | 'login' | 'consent' | (string & {}) | undefined
  /** A username hint (plain OIDC). An MFA-only flow names the user with `loginHintToken` instead. */
  readonly loginHint?: string | undefined
  /** Overrides the client's `redirectUri` for this flow. Optional under pi.flow; must be registered when sent. */
  readonly redirectUri?: string | undefined
  /** Other authorize parameters, by wire name. They cannot replace the ones above. */
  readonly extraParams?: Readonly<Record<string, string>> | undefined
  /** `GET` (default, parameters in the query) or `POST` (a form body: keeps JWTs out of URLs and logs). */
  readonly method?: 'GET' | 'POST' | undefined
}

/** Parameters the options above own; `extraParams` may not set them. */
const RESERVED = new Set([
  'client_id',
  'response_type',
  'response_mode',
  'scope',
  'redirect_uri',
  'state',
  'nonce',
  'code_challenge',
  'code_challenge_method',
  'acr_values',
  'login_hint',
  'login_hint_token',
  'request',
  'request_uri',
  'max_age',
  'prompt',
])

const RESPONSE_TYPE_PARTS = new Set(['code', 'token', 'id_token'])
// Compact JWS (three parts) or an unsecured JWT (`alg: none`, empty signature part).
const COMPACT_JWT = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/

/** The client's fixed authorize inputs. */
export interface AuthorizeTarget {
  readonly authBaseUrl: string
  readonly environmentId: string
  readonly clientId: string
  readonly redirectUri?: string | undefined
}

/** The per-flow secrets made by the client (random), passed in so this module stays pure. */
export interface AuthorizeSecrets {
  readonly pkce?: { readonly verifier: string; readonly challenge: string } | undefined
  readonly nonce?: string | undefined
}

/** Checks the options and says which secrets they need. */
export function authorizeNeeds(options: PingOneStartFlowOptions): { pkce: boolean; nonce: boolean } {
  const types = checkResponseType(options.responseType ?? 'code')
  const scopes = checkScope(options.scope)
  if (types.includes('id_token') && !scopes.includes('openid')) {
    throw invalid('responseType id_token needs the openid scope')
  }
  return {
    pkce: options.pkce !== false && types.includes('code'),
    nonce: options.nonce === undefined && scopes.includes('openid'),
  }
}

/**
 * The pi.flow authorization request (`/{envId}/as/authorize?response_mode=pi.flow`) and the session
 * that `complete()` will check the answer against.
 */
export function buildAuthorizeRequest(
  target: AuthorizeTarget,
  options: PingOneStartFlowOptions,
  secrets: AuthorizeSecrets,
): { request: HttpRequest; session: FlowSession } {
  if (!options || typeof options !== 'object') throw invalid('startFlow needs an options object with a scope')
  const responseType = checkResponseType(options.responseType ?? 'code').join(' ')
  const scope = checkScope(options.scope).join(' ')
  const redirectUri = options.redirectUri ?? target.redirectUri
  if (redirectUri !== undefined) checkUrl(redirectUri, 'redirectUri')
  const nonce = options.nonce ?? secrets.nonce
  const params = new URLSearchParams({
    client_id: target.clientId,
    response_type: responseType,
    response_mode: 'pi.flow',
    scope,
  })
  if (redirectUri !== undefined) params.set('redirect_uri', redirectUri)
  if (options.state !== undefined) params.set('state', nonEmpty(options.state, 'state'))
  if (nonce !== undefined) params.set('nonce', nonEmpty(nonce, 'nonce'))
  if (secrets.pkce) {
    params.set('code_challenge', secrets.pkce.challenge)
    params.set('code_challenge_method', 'S256')
  }
  const acr = acrValues(options.acrValues)
  if (acr !== undefined) params.set('acr_values', acr)
  if (options.loginHint !== undefined) params.set('login_hint', nonEmpty(options.loginHint, 'loginHint'))
  if (options.loginHintToken !== undefined)
    params.set('login_hint_token', jwt(options.loginHintToken, 'loginHintToken'))
  if (options.request !== undefined) params.set('request', jwt(options.request, 'request'))
  if (options.maxAge !== undefined) {
    if (!Number.isInteger(options.maxAge) || options.maxAge < 0)
      throw invalid('maxAge must be a whole number of seconds')
    params.set('max_age', String(options.maxAge))
  }
  if (options.prompt !== undefined) params.set('prompt', nonEmpty(options.prompt, 'prompt'))
  for (const [name, value] of Object.entries(options.extraParams ?? {})) {
    if (RESERVED.has(name)) throw invalid(`extraParams cannot set ${name}; use the option of that name`)
    if (typeof value !== 'string') throw invalid(`extraParams.${name} must be a string`)
    params.set(name, value)
  }

  const url = `${target.authBaseUrl}/${target.environmentId}/as/authorize`
  const method = options.method ?? 'GET'
  if (method !== 'GET' && method !== 'POST') throw invalid('method must be GET or POST')
  const request: HttpRequest =
    method === 'GET'
      ? { method, url: `${url}?${params.toString()}` }
      : {
          method,
          url,
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: params.toString(),
        }
  const state: AuthorizationRequestState = {
    responseType,
    scope,
    ...(options.state !== undefined && { state: options.state }),
    ...(nonce !== undefined && { nonce }),
    ...(secrets.pkce && { codeVerifier: secrets.pkce.verifier }),
    ...(redirectUri !== undefined && { redirectUri }),
    ...(options.maxAge !== undefined && { maxAge: options.maxAge }),
  }
  return {
    request,
    session: { request: state, extra: { environmentId: target.environmentId, clientId: target.clientId } },
  }
}

/** Marks a flow's session as a device verification, which ends without tokens for this client. */
export const DEVICE_VERIFICATION = 'deviceVerification'

/**
 * The start of a device authorization grant's user side: `{authBase}/{envId}/device/{devicePathId}`
 * with `response_mode=pi.flow` (how a custom UI starts it is UNCONFIRMED; this is the hosted
 * verification page's address).
 */
export function buildDeviceVerificationRequest(
  target: AuthorizeTarget,
  options: {
    readonly devicePathId?: string | undefined
    readonly userCode?: string | undefined
    readonly acrValues?: string | undefined
  },
): { request: HttpRequest; session: FlowSession } {
  const pathId =
    options.devicePathId === undefined ? target.clientId : nonEmpty(options.devicePathId, 'devicePathId')
  const params = new URLSearchParams({ response_mode: 'pi.flow' })
  if (options.userCode !== undefined) params.set('user_code', nonEmpty(options.userCode, 'userCode'))
  const acr = acrValues(options.acrValues)
  if (acr !== undefined) params.set('acr_values', acr)
  return {
    request: {
      method: 'GET',
      url: `${target.authBaseUrl}/${target.environmentId}/device/${encodeURIComponent(pathId)}?${params}`,
    },
    session: {
      request: { responseType: '', scope: '' },
      extra: {
        environmentId: target.environmentId,
        clientId: target.clientId,
        [DEVICE_VERIFICATION]: 'true',
      },
    },
  }
}

function checkResponseType(value: unknown): string[] {
  if (typeof value !== 'string')
    throw invalid('responseType must be a string such as "code" or "token id_token"')
  const parts = value.split(' ').filter(Boolean)
  if (
    parts.length === 0 ||
    parts.some((p) => !RESPONSE_TYPE_PARTS.has(p)) ||
    new Set(parts).size !== parts.length
  ) {
    throw invalid('responseType must combine code, token and id_token, each at most once')
  }
  return parts
}

function checkScope(value: unknown): string[] {
  if (typeof value !== 'string' || value.trim() === '') throw invalid('scope is required, e.g. "openid"')
  return value.split(' ').filter(Boolean)
}

function acrValues(value: PingOneStartFlowOptions['acrValues']): string | undefined {
  if (value === undefined) return undefined
  const list = typeof value === 'string' ? value.split(' ').filter(Boolean) : [...value]
  if (list.length === 0 || list.some((v) => typeof v !== 'string' || v === '' || /\s/.test(v))) {
    throw invalid('acrValues must name at least one sign-on policy, without spaces inside a name')
  }
  return list.join(' ')
}

function jwt(value: unknown, name: string): string {
  if (typeof value !== 'string' || !COMPACT_JWT.test(value)) throw invalid(`${name} must be a compact JWT`)
  return value
}

function nonEmpty(value: unknown, name: string): string {
  if (typeof value !== 'string' || value === '') throw invalid(`${name} must be a non-empty string`)
  return value
}

function checkUrl(value: unknown, name: string): void {
  try {
    new URL(value as string)
  } catch {
    throw invalid(`${name} must be an absolute URL`)
  }
}

function invalid(message: string): RedirectlessError {
  return new RedirectlessError(ErrorCodes.INVALID_ARGUMENT, message)
}
