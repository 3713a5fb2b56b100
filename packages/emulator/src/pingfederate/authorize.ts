import { opaqueToken } from '../shared/ids.js'
import type { ClientRecord } from './clients.js'
import { finishFlow } from './completion.js'
import { normalizeResponseType, type PkceMethod } from './config.js'
import { authorizeError, PfApiError } from './errors.js'
import type { AuthorizeRequest } from './flows.js'
import { isPkceValue } from './pkce.js'
import { FAILURES, initialStatus } from './policy.js'
import { jsonResponse } from './responses.js'
import type { PfRuntime } from './runtime.js'
import type { Session } from './sessions.js'
import { renderLiveFlow } from './states.js'

const SINGLE_VALUED = [
  'client_id',
  'response_type',
  'response_mode',
  'redirect_uri',
  'scope',
  'state',
  'nonce',
  'code_challenge',
  'code_challenge_method',
  'prompt',
  'max_age',
  'login_hint',
] as const

const RESPONSE_TYPE_PARTS = new Set(['code', 'token', 'id_token', 'none'])
const PKCE_METHODS: readonly string[] = ['plain', 'S256'] satisfies PkceMethod[]

/**
 * `GET|POST /as/authorization.oauth2?response_mode=pi.flow`: validates the request, then answers
 * the first state of the policy, or `COMPLETED` at once when the `PF` cookie carries a usable
 * SSO session (contract §1.3). Always issues the `PF` cookie.
 */
export async function handleAuthorize(rt: PfRuntime, request: Request): Promise<Response> {
  const params = await readParams(request)
  let client: ClientRecord
  let authz: AuthorizeRequest
  try {
    ;({ client, request: authz } = validateAuthorizeRequest(rt, params))
  } catch (error) {
    if (error instanceof PfApiError) return jsonResponse(error.status, error.body)
    throw error
  }

  let session = rt.sessions.fromCookie(request)
  let newCookie = false
  if (!session) {
    session = rt.sessions.fromPersistentCookie(request)
    newCookie = session !== undefined
  }
  session ??= rt.sessions.create()

  const flow = rt.flows.create({
    status: initialStatus(rt.config, authz),
    config: rt.config,
    sessionId: session.id,
    request: authz,
    cookieless: client.cookieless,
    username: undefined,
  })
  let body: Record<string, unknown>
  const ssoUsername = ssoUser(rt, session, authz)
  if (ssoUsername !== undefined) {
    body = await finishFlow(rt, flow, { kind: 'completed', username: ssoUsername }, session.authTime)
  } else if (authz.prompt.has('none')) {
    body = await finishFlow(rt, flow, { kind: 'failed', failure: FAILURES.loginRequired })
  } else {
    body = renderLiveFlow(rt, flow)
  }
  if (client.cookieless) {
    // The widget reads the state from whatever the latest response was, so this one carries it too.
    flow.apiState = opaqueToken(24)
    body = { ...body, _pf_authn_api_state: flow.apiState }
  }
  const headers = new Headers()
  for (const cookie of rt.sessions.issueCookies(session, { forceNew: newCookie, always: true }))
    headers.append('set-cookie', cookie)
  return jsonResponse(200, body, headers)
}

/** The user an existing session signs in without asking, unless the request demands a fresh sign-on. */
function ssoUser(rt: PfRuntime, session: Session, authz: AuthorizeRequest): string | undefined {
  const { username, authTime } = session
  if (username === undefined || authTime === undefined) return undefined
  if (authz.prompt.has('login') || !rt.users.find(username)) return undefined
  if (authz.maxAge !== undefined && rt.ctx.clock.now() - authTime > authz.maxAge * 1000) return undefined
  if (authz.loginHint !== undefined && authz.loginHint.toLowerCase() !== username.toLowerCase()) {
    return undefined
  }
  return username
}

/** Query parameters, plus the form body of a POST (body values win). */
async function readParams(request: Request): Promise<URLSearchParams> {
  const params = new URL(request.url).searchParams
  if (request.method !== 'POST') return params
  const type = request.headers.get('content-type') ?? ''
  if (!type.toLowerCase().startsWith('application/x-www-form-urlencoded')) return params
  const form = new URLSearchParams(await request.text())
  for (const key of new Set(form.keys())) {
    params.delete(key)
    for (const value of form.getAll(key)) params.append(key, value)
  }
  return params
}

/**
 * Checks an authorization request in the order that keeps RFC 6749 §4.1.2.1 safe: client and
 * redirect URI first (never trust either for anything else), then the rest.
 */
export function validateAuthorizeRequest(
  rt: PfRuntime,
  params: URLSearchParams,
): { client: ClientRecord; request: AuthorizeRequest } {
  const get = (name: string) => {
    const value = params.get(name)
    return value === null || value === '' ? undefined : value
  }
  const bad = (message: string) => authorizeError('invalid_request', message)

  const clientId = get('client_id')
  if (clientId === undefined) throw bad('The client_id parameter is required.')
  for (const name of SINGLE_VALUED) {
    if (params.getAll(name).length > 1) throw bad(`The ${name} parameter must not be repeated.`)
  }
  const client = rt.clients.find(clientId)
  if (!client) throw authorizeError('invalid_client', `Unknown client_id '${clientId}'.`)
  if (!client.redirectless) {
    throw authorizeError(
      'unauthorized_client',
      `The client '${clientId}' is not allowed to initiate an Authentication API flow with response_mode=pi.flow.`,
    )
  }
  const redirectUri = get('redirect_uri')
  if (redirectUri !== undefined && !client.redirectUris.includes(redirectUri)) {
    throw bad('The redirect_uri is not registered for this client.')
  }
  if (get('response_mode') !== 'pi.flow') {
    throw bad('This emulator answers only redirectless requests: send response_mode=pi.flow.')
  }

  const rawType = get('response_type')
  if (rawType === undefined) throw bad('The response_type parameter is required.')
  const responseType = normalizeResponseType(rawType)
  const parts = responseType.split(' ')
  if (!parts.every((p) => RESPONSE_TYPE_PARTS.has(p)) || (parts.includes('none') && parts.length > 1)) {
    throw authorizeError('unsupported_response_type', `response_type '${rawType}' is not supported.`)
  }
  if (!client.normalizedResponseTypes.has(responseType)) {
    throw authorizeError('unauthorized_client', `The client may not use response_type '${rawType}'.`)
  }

  const scope = (get('scope') ?? '').split(' ').filter(Boolean)
  const unknownScope = scope.find((s) => !client.scopes.includes(s))
  if (unknownScope !== undefined) {
    throw authorizeError('invalid_scope', `The scope '${unknownScope}' is not allowed.`)
  }
  const nonce = get('nonce')
  if (parts.includes('id_token')) {
    if (!scope.includes('openid')) throw bad('response_type id_token requires the openid scope.')
    if (nonce === undefined) throw bad('The nonce parameter is required when an id_token is returned.')
  }

  let codeChallenge: string | undefined
  let codeChallengeMethod: PkceMethod | undefined
  if (parts.includes('code')) {
    codeChallenge = get('code_challenge')
    const method = get('code_challenge_method')
    if (codeChallenge === undefined) {
      if (method !== undefined) throw bad('code_challenge_method was sent without code_challenge.')
      if (client.requirePkce) throw bad('PKCE is required for this client: send code_challenge.')
    } else {
      // RFC 7636 §4.3: an absent method means plain.
      const chosen = method ?? 'plain'
      if (!PKCE_METHODS.includes(chosen)) throw bad(`code_challenge_method '${chosen}' is not supported.`)
      codeChallengeMethod = chosen as PkceMethod
      if (!client.pkceMethods.includes(codeChallengeMethod)) {
        throw bad(`code_challenge_method '${chosen}' is not allowed for this client; use S256.`)
      }
      if (!isPkceValue(codeChallenge) || (codeChallengeMethod === 'S256' && codeChallenge.length !== 43)) {
        throw bad('The code_challenge is malformed.')
      }
    }
  }

  const prompt = new Set((get('prompt') ?? '').split(' ').filter(Boolean))
  if (prompt.has('none') && prompt.size > 1) throw bad('prompt=none cannot be combined with other values.')
  const rawMaxAge = get('max_age')
  if (rawMaxAge !== undefined && !/^\d+$/.test(rawMaxAge)) {
    throw bad('max_age must be a non-negative integer.')
  }

  return {
    client,
    request: {
      clientId,
      responseType,
      redirectUri,
      scope,
      state: get('state'),
      nonce,
      codeChallenge,
      codeChallengeMethod,
      prompt,
      maxAge: rawMaxAge === undefined ? undefined : Number(rawMaxAge),
      loginHint: get('login_hint'),
    },
  }
}
