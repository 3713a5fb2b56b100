import {
  createLocalJWKSet,
  decodeJwt,
  decodeProtectedHeader,
  errors,
  type JWTPayload,
  type JWTVerifyOptions,
  jwtVerify,
  UnsecuredJWT,
} from 'jose'
import type { P1ApplicationConfig, P1UserConfig } from './config.js'
import type { P1Context } from './context.js'
import { invalidData, type PlatformError } from './errors.js'
import type { PiTemplate } from './templates.js'
import { findUser, isEnabled } from './users.js'

const HS_ALGORITHMS = ['HS256', 'HS384', 'HS512']
const RS_ALGORITHMS = ['RS256', 'RS384', 'RS512']

/** What a valid `login_hint_token` establishes. */
export interface LoginHint {
  readonly user: P1UserConfig
  /** The app that signed it (may differ from the authenticating app, contract §2.1). */
  readonly issuer: P1ApplicationConfig
}

/**
 * Verifies a `login_hint_token` (contract §2.1): compact JWS, HMAC (`loginHintTokenAlgorithms`) with
 * the secret of the enabled app named in `iss`; no `cty`/`enc`; `aud` = `{baseUrl}/{envId}/as`; `exp`
 * required unless lenient; `nbf` honoured; `sub` a known, enabled user id or username.
 */
export async function verifyLoginHintToken(ctx: P1Context, token: string): Promise<LoginHint> {
  const refuse = (why: string) =>
    jwtError('login_hint_token', `The login_hint_token is not valid: ${why}.`, 'invalid_request')
  const header = readHeader(token, refuse)
  if (header.cty !== undefined || header.enc !== undefined) throw refuse('cty and enc are not allowed')
  const algorithms: string[] = [...ctx.config.loginHintTokenAlgorithms]
  if (typeof header.alg !== 'string' || !algorithms.includes(header.alg))
    throw refuse('unsupported algorithm')
  const iss = readPayload(token, refuse).iss
  const issuer = ctx.config.applications.find((a) => a.id === iss)
  if (!issuer || issuer.enabled === false || !issuer.clientSecret) throw refuse('unknown or disabled issuer')

  const required = ['exp', 'sub']
  if (!ctx.config.loginHintTokenRequireExp) required.shift()
  if (ctx.config.loginHintTokenRequireIat) required.push('iat')
  const { payload } = await verifyOrRefuse(
    () =>
      jwtVerify(token, secretKey(issuer.clientSecret ?? ''), { ...claimOptions(ctx, required), algorithms }),
    refuse,
  )
  const user = typeof payload.sub === 'string' ? findUser(ctx, payload.sub) : undefined
  if (!user || !isEnabled(user)) throw refuse('unknown subject')
  return { user, issuer }
}

/** The `pi.*` claims of a request object, which only the JWT can carry (contract §2.3). */
export interface RequestObject {
  readonly claims: JWTPayload
  readonly remoteIp?: string
  readonly template?: PiTemplate
  readonly clientContext?: Readonly<Record<string, unknown>>
}

/**
 * Verifies a `request` JWT for `app` (contract §2.3): HS256/384/512 with the app secret, RS256/384/512
 * with its registered `jwks`, or `alg: none` only when `supportUnsignedRequestObject`; `aud` =
 * `{baseUrl}/{envId}/as`; `iss` and `client_id`, when present, must be the app.
 */
export async function verifyRequestObject(
  ctx: P1Context,
  app: P1ApplicationConfig,
  token: string,
): Promise<RequestObject> {
  const refuse = (why: string) =>
    jwtError('request', `The request object is not valid: ${why}.`, 'invalid_request_object')
  const header = readHeader(token, refuse)
  const alg = header.alg
  const options = claimOptions(ctx, [])
  let claims: JWTPayload
  if (alg === 'none') {
    if (!app.supportUnsignedRequestObject || app.requireSignedRequestObject) {
      throw refuse('the application requires a signed request object')
    }
    claims = (await verifyOrRefuse(async () => UnsecuredJWT.decode(token, options), refuse)).payload
  } else if (typeof alg === 'string' && HS_ALGORITHMS.includes(alg)) {
    if (!app.clientSecret) throw refuse('the application has no secret to verify an HMAC signature')
    const secret = secretKey(app.clientSecret)
    claims = (
      await verifyOrRefuse(() => jwtVerify(token, secret, { ...options, algorithms: HS_ALGORITHMS }), refuse)
    ).payload
  } else if (typeof alg === 'string' && RS_ALGORITHMS.includes(alg)) {
    if (!app.jwks) throw refuse('the application has no registered public keys')
    const keys = createLocalJWKSet({ keys: [...app.jwks.keys] })
    claims = (
      await verifyOrRefuse(() => jwtVerify(token, keys, { ...options, algorithms: RS_ALGORITHMS }), refuse)
    ).payload
  } else {
    throw refuse('unsupported algorithm')
  }
  if (claims.iss !== undefined && claims.iss !== app.id) throw refuse('iss is not the client')
  if (claims.client_id !== undefined && claims.client_id !== app.id)
    throw refuse('client_id is not the client')
  return { claims, ...piClaims(claims, refuse) }
}

function piClaims(claims: JWTPayload, refuse: (why: string) => PlatformError): Omit<RequestObject, 'claims'> {
  const out: { remoteIp?: string; template?: PiTemplate; clientContext?: Record<string, unknown> } = {}
  const remoteIp = claims['pi.remoteIp']
  if (remoteIp !== undefined) {
    if (typeof remoteIp !== 'string') throw refuse('pi.remoteIp must be a string')
    out.remoteIp = remoteIp
  }
  const template = claims['pi.template']
  if (template !== undefined) {
    if (!isObject(template) || typeof template.name !== 'string') throw refuse('pi.template needs a name')
    if (template.variant !== undefined && typeof template.variant !== 'string')
      throw refuse('pi.template.variant must be a string')
    if (template.variables !== undefined && !isObject(template.variables))
      throw refuse('pi.template.variables must be an object')
    out.template = {
      name: template.name,
      ...(typeof template.variant === 'string' ? { variant: template.variant } : {}),
      variables: isObject(template.variables) ? template.variables : {},
    }
  }
  const clientContext = claims['pi.clientContext']
  if (clientContext !== undefined) {
    if (!isObject(clientContext)) throw refuse('pi.clientContext must be an object')
    out.clientContext = clientContext
  }
  return out
}

function claimOptions(ctx: P1Context, requiredClaims: string[]): JWTVerifyOptions {
  return {
    audience: ctx.issuer,
    currentDate: new Date(ctx.clock.now()),
    clockTolerance: ctx.config.jwtClockToleranceSeconds,
    requiredClaims,
  }
}

function readHeader(token: string, refuse: (why: string) => PlatformError): Record<string, unknown> {
  const segments = token.split('.').length
  if (segments === 5) throw refuse('encrypted tokens are not accepted')
  if (segments !== 3) throw refuse('not a compact JWT')
  try {
    return decodeProtectedHeader(token) as Record<string, unknown>
  } catch {
    throw refuse('the header cannot be read')
  }
}

function readPayload(token: string, refuse: (why: string) => PlatformError): JWTPayload {
  try {
    return decodeJwt(token)
  } catch {
    throw refuse('the claims cannot be read')
  }
}

/** Runs a jose verification, turning its errors into a refusal that names the failed check, never the token. */
async function verifyOrRefuse<T>(run: () => Promise<T>, refuse: (why: string) => PlatformError): Promise<T> {
  try {
    return await run()
  } catch (error) {
    if (error instanceof errors.JWTExpired) throw refuse('expired')
    if (error instanceof errors.JWTClaimValidationFailed)
      throw refuse(`${error.claim} check failed (${error.reason})`)
    if (error instanceof errors.JWSSignatureVerificationFailed) throw refuse('bad signature')
    if (error instanceof errors.JOSEAlgNotAllowed) throw refuse('algorithm not allowed')
    if (error instanceof errors.JWKSNoMatchingKey) throw refuse('no matching registered key')
    throw refuse('malformed')
  }
}

function jwtError(target: string, message: string, oauthError: string): PlatformError {
  return invalidData(target, message, 'INVALID_VALUE', { oauth: { error: oauthError, description: message } })
}

function secretKey(secret: string): Uint8Array {
  return new TextEncoder().encode(secret)
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
