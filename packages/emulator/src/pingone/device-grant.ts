import { opaqueToken } from '../shared/ids.js'
import { newFlow, policyOf, readParams } from './authorize.js'
import type { P1ApplicationConfig } from './config.js'
import type { P1Context } from './context.js'
import { invalidData, notFound, OAuthError } from './errors.js'
import type { Flow } from './flow.js'
import { flowResponse } from './flows.js'
import { json } from './http.js'
import { advance, complete, fail } from './progress.js'
import { requiredBoolean, requiredString } from './read-body.js'
import type { DeviceCodeGrant } from './store.js'
import { issueRefreshToken, tokenResponse } from './tokens.js'

/** RFC 8628 §6.1: letters without vowels, so a code never spells a word; `XXXX-XXXX`. */
const USER_CODE_ALPHABET = 'BCDFGHJKLMNPQRSTVWXZ'

/** The grant type of the device's token polls. */
export const DEVICE_CODE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code'

/**
 * `POST /{envId}/as/device_authorization` (RFC 8628 §3.1; form `client_id`, `scope`) for an app with
 * the `DEVICE_CODE` grant: a device code, the user code the device shows, and where the user types
 * it (`{envBase}/device/{devicePathId}`). Errors are RFC 6749 JSON.
 */
export async function deviceAuthorization(
  ctx: P1Context,
  request: Request,
  authenticate: (params: Map<string, string>) => P1ApplicationConfig,
): Promise<Response> {
  const params = await readParams(request).catch(() => {
    throw new OAuthError(400, 'invalid_request', 'The body must be application/x-www-form-urlencoded.')
  })
  const app = authenticate(params)
  if (!app.grantTypes.includes('DEVICE_CODE')) {
    throw new OAuthError(
      400,
      'unauthorized_client',
      'The application may not use the device authorization grant.',
    )
  }
  const now = ctx.clock.now()
  const deviceCode = opaqueToken(32)
  const bytes = crypto.getRandomValues(new Uint8Array(8))
  const letters = Array.from(bytes, (b) => USER_CODE_ALPHABET[b % USER_CODE_ALPHABET.length]).join('')
  const userCode = `${letters.slice(0, 4)}-${letters.slice(4)}`
  const grant: DeviceCodeGrant = {
    clientId: app.id,
    scope: params.get('scope') ?? 'openid',
    userCode,
    expiresAt: now + ctx.config.deviceCodeLifetimeSeconds * 1000,
    status: 'pending',
    grant: undefined,
    lastPoll: undefined,
  }
  ctx.store.deviceCodes.set(deviceCode, grant)
  const verification = `${ctx.envBase}/device/${encodeURIComponent(app.devicePathId ?? app.id)}`
  return json({
    device_code: deviceCode,
    user_code: userCode,
    verification_uri: verification,
    verification_uri_complete: `${verification}?${new URLSearchParams({ user_code: userCode })}`,
    expires_in: ctx.config.deviceCodeLifetimeSeconds,
    interval: ctx.config.devicePollingIntervalSeconds,
  })
}

/**
 * `GET|POST /{envId}/device/{devicePathId}?response_mode=pi.flow[&user_code=][&acr_values=]`: the
 * user's side of the grant as a flow (UNCONFIRMED: PingOne's hosted verification page starts it; a
 * custom UI is assumed to start it the same way under pi.flow). `DAG_USER_CODE_REQUIRED` first,
 * unless the URL carried a valid user code; then the app's sign-on policy; then `DAG_CONSENT_REQUIRED`.
 */
export async function startDeviceVerification(
  ctx: P1Context,
  request: Request,
  pathId: string,
): Promise<Response> {
  const app = ctx.config.applications.find(
    (a) => a.enabled !== false && a.grantTypes.includes('DEVICE_CODE') && (a.devicePathId ?? a.id) === pathId,
  )
  if (!app) throw notFound('No device authorization application has this path.')
  const params = await readParams(request)
  if (params.get('response_mode') !== 'pi.flow') {
    throw invalidData('response_mode', 'This emulator answers only response_mode=pi.flow.')
  }
  const typed = params.get('user_code')
  const deviceCode = typed === undefined ? undefined : matchUserCode(ctx, app.id, typed)
  const flow = newFlow(ctx, {
    app,
    request: { clientId: app.id, responseType: [], scope: '' },
    policy: policyOf(ctx, app, params.get('acr_values')),
    initialUser: undefined,
    skipMfa: false,
    deviceGrant: true,
    ...(deviceCode === undefined ? {} : { deviceCode }),
  })
  advance(ctx, flow)
  ctx.store.flows.set(flow.id, flow)
  return flowResponse(ctx, flow)
}

/** `deviceAuthGrant.userCode.verify {userCode}`: the code the device shows (case, spaces and dashes ignored). */
export function userCodeVerifyAction(
  ctx: P1Context,
  flow: Flow,
  body: Readonly<Record<string, unknown>>,
): void {
  const deviceCode = matchUserCode(ctx, flow.app.id, requiredString(body, 'userCode'))
  if (deviceCode === undefined) throw invalidData('userCode', 'The user code is not valid or has expired.')
  flow.deviceCode = deviceCode
  advance(ctx, flow)
}

/**
 * `deviceAuthGrant.consent {accept}`: `true` approves the device (its next token poll gets the
 * tokens) and completes the flow; `false` denies it (`access_denied` to the device) and fails the flow.
 */
export function deviceConsentAction(
  ctx: P1Context,
  flow: Flow,
  body: Readonly<Record<string, unknown>>,
): void {
  const accept = requiredBoolean(body, 'accept')
  const grant = flow.deviceCode === undefined ? undefined : ctx.store.deviceCodes.get(flow.deviceCode)
  if (grant?.status !== 'pending') throw invalidData('accept', 'The device code is no longer pending.')
  if (!accept) {
    grant.status = 'denied'
    fail(flow, { code: 'CONSENT_DECLINED', message: 'The user did not allow the device.' })
    return
  }
  complete(ctx, flow)
}

/** Called when a device verification flow completes: the device code now carries the user's sign-on. */
export function approveDeviceCode(ctx: P1Context, flow: Flow): void {
  const grant = flow.deviceCode === undefined ? undefined : ctx.store.deviceCodes.get(flow.deviceCode)
  if (!grant || !flow.user) return
  grant.status = 'approved'
  grant.grant = {
    clientId: grant.clientId,
    scope: grant.scope,
    user: flow.user,
    sessionId: flow.session?.id,
    authTime: flow.authTime ?? ctx.clock.now(),
    acr: flow.policy.name,
    amr: flow.amr,
    nonce: undefined,
  }
}

/** `_embedded.deviceAuthorization` in the consent step: what the user allows. */
export function renderDeviceAuthorization(ctx: P1Context, flow: Flow): Record<string, unknown> | undefined {
  const grant = flow.deviceCode === undefined ? undefined : ctx.store.deviceCodes.get(flow.deviceCode)
  return grant && { userCode: grant.userCode, scopes: grant.scope.split(' ').filter(Boolean) }
}

/**
 * The device's token poll (`grant_type=urn:ietf:params:oauth:grant-type:device_code`, RFC 8628
 * §3.4–3.5): `authorization_pending` until the user consents, `slow_down` when polled faster than
 * `interval`, `access_denied`, `expired_token`; then the tokens, once.
 */
export async function deviceCodeToken(
  ctx: P1Context,
  app: P1ApplicationConfig,
  params: Map<string, string>,
): Promise<Record<string, unknown>> {
  const deviceCode = params.get('device_code')
  if (!deviceCode) throw new OAuthError(400, 'invalid_request', 'The device_code is required.')
  const grant = ctx.store.deviceCodes.get(deviceCode)
  if (!grant || grant.clientId !== app.id || grant.status === 'redeemed') {
    throw new OAuthError(400, 'invalid_grant', 'The device code is invalid or was already used.')
  }
  const now = ctx.clock.now()
  if (now >= grant.expiresAt) throw new OAuthError(400, 'expired_token', 'The device code has expired.')
  const last = grant.lastPoll
  grant.lastPoll = now
  if (grant.status === 'denied')
    throw new OAuthError(400, 'access_denied', 'The user did not allow the device.')
  if (grant.status === 'pending') {
    if (last !== undefined && now - last < ctx.config.devicePollingIntervalSeconds * 1000) {
      throw new OAuthError(400, 'slow_down', 'Polling too fast; wait the interval.')
    }
    throw new OAuthError(400, 'authorization_pending', 'The user has not finished yet.')
  }
  const issued = grant.grant
  if (!issued) throw new OAuthError(400, 'invalid_grant', 'The device code carries no sign-on.')
  grant.status = 'redeemed'
  const refreshToken =
    app.grantTypes.includes('REFRESH_TOKEN') && issued.scope.split(' ').includes('offline_access')
      ? issueRefreshToken(ctx, issued)
      : undefined
  return tokenResponse(ctx, issued, refreshToken)
}

/** The pending device code of this app whose user code is `typed`, normalised (RFC 8628 §6.1). */
function matchUserCode(ctx: P1Context, clientId: string, typed: string): string | undefined {
  const normal = (code: string) => code.toUpperCase().replace(/[^A-Z0-9]/g, '')
  const wanted = normal(typed)
  const now = ctx.clock.now()
  for (const [deviceCode, grant] of ctx.store.deviceCodes) {
    if (grant.clientId !== clientId || grant.status !== 'pending' || now >= grant.expiresAt) continue
    if (normal(grant.userCode) === wanted) return deviceCode
  }
  return undefined
}
