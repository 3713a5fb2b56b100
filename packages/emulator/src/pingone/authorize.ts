import { uuid } from '../shared/ids.js'
import { ipInRanges } from './cidr.js'
import type { P1ApplicationConfig, SignOnPolicyConfig } from './config.js'
import type { P1Context } from './context.js'
import { invalidData, unsupportedMediaType } from './errors.js'
import type { AuthorizeRequest, Flow, ResponseTypePart } from './flow.js'
import { flowResponse } from './flows.js'
import { firstValues, mediaType, readCookie } from './http.js'
import { type LoginHint, type RequestObject, verifyLoginHintToken, verifyRequestObject } from './jwt.js'
import { identifiesUsers } from './policy.js'
import { advance, identify } from './progress.js'
import { joinSession } from './sso.js'
import { templateTexts } from './templates.js'

/** Parameters a `request` JWT may also carry; `requestObjectPrecedence` decides conflicts. */
const REQUEST_OBJECT_PARAMS = [
  'response_type',
  'scope',
  'state',
  'nonce',
  'redirect_uri',
  'code_challenge',
  'code_challenge_method',
  'acr_values',
  'login_hint',
  'max_age',
  'prompt',
] as const

const PKCE_CHALLENGE = /^[A-Za-z0-9\-._~]{43,128}$/

/**
 * `GET|POST /{envId}/as/authorize` with `response_mode=pi.flow` (contract §1): validates the client,
 * response type, PKCE, `redirect_uri`, `request` and `login_hint_token`, picks the sign-on policy from
 * `acr_values`, and answers 200 with a new flow object.
 */
export async function authorize(ctx: P1Context, request: Request): Promise<Response> {
  const params = await readParams(request)
  const flow = await startFlow(ctx, params, readCookie(request, 'ST'))
  ctx.store.flows.set(flow.id, flow)
  return flowResponse(ctx, flow)
}

/** The parameters of a GET's query or a POST's form body (415 for any other body). */
export async function readParams(request: Request): Promise<Map<string, string>> {
  if (request.method === 'GET') return firstValues(new URL(request.url).searchParams)
  if (mediaType(request) !== 'application/x-www-form-urlencoded') {
    throw unsupportedMediaType('The authorize body must be application/x-www-form-urlencoded.')
  }
  return firstValues(new URLSearchParams(await request.text()))
}

async function startFlow(
  ctx: P1Context,
  query: Map<string, string>,
  sessionToken: string | undefined,
): Promise<Flow> {
  const app = clientOf(ctx, query.get('client_id'))
  if (query.get('response_mode') !== 'pi.flow') {
    throw invalidData('response_mode', 'This emulator answers only response_mode=pi.flow.', 'INVALID_VALUE', {
      oauth: { error: 'invalid_request', description: 'Only response_mode=pi.flow is supported.' },
    })
  }
  if (query.has('request_uri')) {
    throw invalidData('request_uri', 'Pushed authorization requests are not supported.', 'INVALID_VALUE', {
      oauth: { error: 'request_uri_not_supported', description: 'request_uri is not supported.' },
    })
  }
  const requestJwt = query.get('request')
  if (requestJwt === undefined && app.requireSignedRequestObject) {
    throw invalidData('request', 'The application requires a signed request object.', 'REQUIRED_VALUE', {
      oauth: { error: 'invalid_request', description: 'A signed request object is required.' },
    })
  }
  const requestObject = requestJwt === undefined ? undefined : await verifyRequestObject(ctx, app, requestJwt)
  const param = paramReader(ctx, query, requestObject)

  const responseType = responseTypeOf(app, param('response_type'))
  const scope = param('scope') ?? 'openid'
  if (responseType.includes('id_token') && !scope.split(' ').includes('openid')) {
    throw invalidData('scope', 'An id_token needs the openid scope.', 'INVALID_VALUE', {
      oauth: { error: 'invalid_scope', description: 'An id_token needs the openid scope.' },
    })
  }
  const redirectUri = param('redirect_uri')
  if (
    redirectUri !== undefined &&
    ctx.config.validateRedirectUri &&
    !app.redirectUris.includes(redirectUri)
  ) {
    throw invalidData('redirect_uri', 'The redirect_uri is not registered for the application.')
  }
  const pkce = pkceOf(ctx, app, responseType, param('code_challenge'), param('code_challenge_method'))
  const maxAge = param('max_age')
  if (maxAge !== undefined && !/^\d+$/.test(maxAge))
    throw invalidData('max_age', 'max_age must be a number of seconds.')
  const policy = policyOf(ctx, app, param('acr_values'))

  const loginHintToken = query.get('login_hint_token')
  if (
    loginHintToken !== undefined &&
    param('login_hint') !== undefined &&
    ctx.config.rejectLoginHintWithLoginHintToken
  ) {
    throw invalidData('login_hint', 'login_hint and login_hint_token cannot be used together.')
  }
  const hint: LoginHint | undefined =
    loginHintToken === undefined ? undefined : await verifyLoginHintToken(ctx, loginHintToken)
  if (!hint && !identifiesUsers(policy)) {
    throw invalidData('login_hint_token', 'The sign-on policy needs a login_hint_token.', 'REQUIRED_VALUE')
  }
  const template = requestObject?.template
  if (template && !templateTexts(ctx.config.notificationTemplates, template.name)) {
    throw invalidData('request', 'The pi.template names an unknown notification template.')
  }

  const authorizeRequest: AuthorizeRequest = {
    clientId: app.id,
    responseType,
    scope,
    ...optional('state', param('state')),
    ...optional('nonce', param('nonce')),
    ...optional('redirectUri', redirectUri),
    ...pkce,
    ...optional('maxAge', maxAge === undefined ? undefined : Number(maxAge)),
    ...optional('piRemoteIp', requestObject?.remoteIp),
    ...optional('piTemplate', template),
    ...optional('piClientContext', requestObject?.clientContext),
  }
  const remoteIp = requestObject?.remoteIp
  const flow = newFlow(ctx, {
    app,
    request: authorizeRequest,
    policy,
    initialUser: hint?.user,
    skipMfa: remoteIp !== undefined && ipInRanges(remoteIp, policy.mfaSkipCidrs ?? []),
  })
  const forceLogin = (param('prompt') ?? '').split(' ').includes('login')
  joinSession(ctx, flow, { sessionToken, forceLogin })
  if (hint && !flow.user) identify(ctx, flow, hint.user, 'hint')
  advance(ctx, flow)
  return flow
}

/** A flow in its state right after it was started, before the policy's first step is applied. */
export function newFlow(
  ctx: P1Context,
  start: Pick<Flow, 'app' | 'request' | 'policy' | 'initialUser' | 'skipMfa'> & {
    readonly deviceGrant?: boolean
    readonly deviceCode?: string
  },
): Flow {
  const now = ctx.clock.now()
  return {
    id: uuid(),
    app: start.app,
    request: start.request,
    policy: start.policy,
    createdAt: now,
    initialUser: start.initialUser,
    skipMfa: start.skipMfa,
    expiresAt: now + ctx.config.flowIdleTimeoutSeconds * 1000,
    status: 'USERNAME_PASSWORD_REQUIRED',
    user: undefined,
    passwordVerified: false,
    mfaSatisfied: false,
    session: undefined,
    cookiePending: false,
    selectedDeviceId: undefined,
    retries: new Map(),
    lockedUntil: new Map(),
    otp: undefined,
    push: undefined,
    assertion: undefined,
    recovery: undefined,
    identifiedBy: undefined,
    lookupUsername: undefined,
    verification: undefined,
    profiled: false,
    externalDone: false,
    external: undefined,
    deviceCode: start.deviceCode,
    initialDeviceCode: start.deviceCode,
    deviceGrant: start.deviceGrant ?? false,
    kerberosUser: undefined,
    amr: [],
    authTime: undefined,
    error: undefined,
    authorizeResponse: undefined,
  }
}

function clientOf(ctx: P1Context, clientId: string | undefined): P1ApplicationConfig {
  if (clientId === undefined || clientId === '') {
    throw invalidData('client_id', 'The client_id is required.', 'REQUIRED_VALUE')
  }
  const app = ctx.config.applications.find((a) => a.id === clientId)
  if (!app || app.enabled === false || app.responseTypes.length === 0) {
    throw invalidData(
      'client_id',
      'The client_id is not an enabled application that can authorize.',
      'INVALID_VALUE',
      {
        oauth: { error: 'unauthorized_client', description: 'Unknown or disabled application.' },
      },
    )
  }
  return app
}

/** Reads a parameter from the query and the request object, `requestObjectPrecedence` deciding. */
function paramReader(
  ctx: P1Context,
  query: Map<string, string>,
  requestObject: RequestObject | undefined,
): (name: (typeof REQUEST_OBJECT_PARAMS)[number]) => string | undefined {
  return (name) => {
    const fromQuery = query.get(name)
    const claim = requestObject?.claims[name]
    const fromJwt = typeof claim === 'string' ? claim : typeof claim === 'number' ? String(claim) : undefined
    return ctx.config.requestObjectPrecedence === 'query' ? (fromQuery ?? fromJwt) : (fromJwt ?? fromQuery)
  }
}

function responseTypeOf(app: P1ApplicationConfig, value: string | undefined): ResponseTypePart[] {
  const refuse = (message: string, code = 'INVALID_VALUE') =>
    invalidData('response_type', message, code, {
      oauth: { error: 'unsupported_response_type', description: message },
    })
  if (value === undefined || value.trim() === '')
    throw refuse('The response_type is required.', 'REQUIRED_VALUE')
  const parts = value.trim().split(/\s+/)
  const known: readonly string[] = ['code', 'token', 'id_token']
  if (parts.some((p) => !known.includes(p)) || new Set(parts).size !== parts.length) {
    throw refuse('The response_type is not a valid combination of code, token and id_token.')
  }
  const types = parts as ResponseTypePart[]
  const allowed =
    types.every((t) => app.responseTypes.includes(t.toUpperCase() as 'CODE' | 'TOKEN' | 'ID_TOKEN')) &&
    (!types.includes('code') || app.grantTypes.includes('AUTHORIZATION_CODE')) &&
    (!(types.includes('token') || types.includes('id_token')) || app.grantTypes.includes('IMPLICIT'))
  if (!allowed) throw refuse('The response_type is not allowed for the application.')
  return types
}

function pkceOf(
  ctx: P1Context,
  app: P1ApplicationConfig,
  responseType: readonly ResponseTypePart[],
  challenge: string | undefined,
  method: string | undefined,
): Pick<AuthorizeRequest, 'codeChallenge' | 'codeChallengeMethod'> {
  if (method !== undefined && method !== 'S256' && method !== 'plain') {
    throw invalidData('code_challenge_method', 'The code_challenge_method must be S256 or plain.')
  }
  if (!responseType.includes('code')) return {}
  const enforcement = app.pkceEnforcement ?? 'OPTIONAL'
  if (challenge === undefined) {
    if (enforcement !== 'OPTIONAL') {
      throw invalidData('code_challenge', 'The application requires PKCE.', 'REQUIRED_VALUE')
    }
    if (method !== undefined)
      throw invalidData('code_challenge', 'A code_challenge_method needs a code_challenge.', 'REQUIRED_VALUE')
    return {}
  }
  // An omitted method means plain (RFC 7636), which S256_REQUIRED refuses (contract §1.2).
  if (enforcement === 'S256_REQUIRED' && method !== 'S256') {
    throw invalidData('code_challenge_method', 'The application requires code_challenge_method=S256.')
  }
  if (!PKCE_CHALLENGE.test(challenge) || (method === 'S256' && challenge.length !== 43)) {
    throw invalidData('code_challenge', 'The code_challenge is malformed.')
  }
  if (ctx.config.pkceRequiresAuthMethodNone && app.tokenEndpointAuthMethod !== 'NONE') {
    throw invalidData(
      'code_challenge',
      'PKCE is only for applications whose tokenEndpointAuthMethod is NONE.',
    )
  }
  return { codeChallenge: challenge, codeChallengeMethod: method ?? 'plain' }
}

/** The first policy named in `acr_values` that is assigned to the app; without `acr_values`, the app's first. */
export function policyOf(
  ctx: P1Context,
  app: P1ApplicationConfig,
  acrValues: string | undefined,
): SignOnPolicyConfig {
  const all = ctx.config.signOnPolicies
  const assigned = app.signOnPolicies
    ? app.signOnPolicies.map((name) => all.find((p) => p.name === name)).filter((p) => p !== undefined)
    : all
  if (acrValues !== undefined && acrValues.trim() !== '') {
    for (const name of acrValues.trim().split(/\s+/)) {
      const policy = assigned.find((p) => p.name === name || p.id === name)
      if (policy) return policy
    }
    throw invalidData('acr_values', 'No sign-on policy assigned to the application matches acr_values.')
  }
  const policy = app.signOnPolicies ? assigned[0] : (all.find((p) => p.default) ?? all[0])
  if (!policy) throw invalidData('acr_values', 'The application has no sign-on policy.')
  return policy
}

/** `{ [key]: value }`, or `{}` for an undefined value (for exactOptionalPropertyTypes). */
function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return value === undefined ? {} : ({ [key]: value } as { [P in K]?: V })
}
