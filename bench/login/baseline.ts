import { createLocalJWKSet, type JWTVerifyGetKey, jwtVerify, SignJWT } from 'jose'
import type { Target } from '../emulator/target.js'
import type { BenchUser } from '../emulator/users.js'
import { totp } from '../lib/totp.js'
import { type Login, totpDeviceId } from './login.js'

/**
 * The baseline: the same HTTP calls as our packages make for a full hybrid login, written by hand
 * with plain `fetch` — cookies kept in a Map and sent as a header, PKCE with `crypto.subtle`,
 * id_tokens checked with jose `jwtVerify` over a `createLocalJWKSet`. It checks what a careful
 * hand-written client checks (status codes, `state`, `nonce`, signature, `iss`, `aud`, `exp`) and
 * nothing more: the floor our packages are compared with.
 */
export function createBaselineLogin(
  target: Target,
  fetch: typeof globalThis.fetch = globalThis.fetch,
): Login {
  const pf = target.pingFederate
  const p1 = target.pingOne
  const issuerSecret = new TextEncoder().encode(p1.loginHintIssuer.secret)
  const basic = `Basic ${btoa(`${encodeURIComponent(p1.clientId)}:${encodeURIComponent(p1.clientSecret)}`)}`
  // Discovery and JWKS are read once per issuer, as our clients cache them for their lifetime.
  let providers: Promise<{ pf: Provider; p1: Provider }> | undefined
  const provider = async (issuer: string): Promise<Provider> => {
    const metadata = (await json(await fetch(`${issuer}/.well-known/openid-configuration`))) as {
      token_endpoint: string
      jwks_uri: string
    }
    const jwks = await json(await fetch(metadata.jwks_uri))
    return { tokenEndpoint: metadata.token_endpoint, keys: createLocalJWKSet(jwks as never) }
  }

  return async (user: BenchUser) => {
    providers ??= Promise.all([provider(pf.issuer), provider(p1.issuer)]).then(([a, b]) => ({ pf: a, p1: b }))
    const { pf: pfProvider, p1: p1Provider } = await providers

    // PingFederate: authorize (pi.flow) → checkUsernamePassword → token.
    const pfCookies = new Map<string, string>()
    const pfPkce = await pkce()
    const state = random()
    const pfNonce = random()
    const pfAuthorize = new URL(`${pf.baseUrl}/as/authorization.oauth2`)
    pfAuthorize.search = new URLSearchParams({
      client_id: pf.clientId,
      response_type: 'code',
      scope: 'openid profile',
      state,
      nonce: pfNonce,
      code_challenge: pfPkce.challenge,
      code_challenge_method: 'S256',
      response_mode: 'pi.flow',
    }).toString()
    let flow = await call(fetch, pfCookies, pfAuthorize.href, { method: 'GET' })
    expectStatus(flow, 'USERNAME_PASSWORD_REQUIRED')
    flow = await call(fetch, pfCookies, link(flow, 'checkUsernamePassword'), {
      method: 'POST',
      headers: {
        'content-type': 'application/vnd.pingidentity.checkUsernamePassword+json',
        'x-xsrf-header': 'PingFederate',
      },
      body: JSON.stringify({ username: user.username, password: user.password }),
    })
    expectStatus(flow, 'COMPLETED')
    const pfResponse = flow.authorizeResponse as { code?: string; state?: string }
    if (pfResponse.state !== state) throw new Error('state mismatch')
    const pfTokens = await call(fetch, pfCookies, pfProvider.tokenEndpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code: String(pfResponse.code),
        code_verifier: pfPkce.verifier,
        client_id: pf.clientId,
      }).toString(),
    })
    const pfClaims = await verifyIdToken(pfTokens.id_token, pfProvider.keys, pf.issuer, pf.clientId, pfNonce)

    // The login_hint_token for the same user, signed with the issuer app's secret (HS256).
    const loginHintToken = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setIssuer(p1.loginHintIssuer.clientId)
      .setSubject(pfClaims.sub)
      .setAudience(p1.issuer)
      .setIssuedAt()
      .setExpirationTime('5m')
      .setJti(random(16))
      .sign(issuerSecret)

    // PingOne: authorize (pi.flow, MFA-only) → device.select → otp.check → resume → token.
    const p1Cookies = new Map<string, string>()
    const p1Pkce = await pkce()
    const p1Nonce = random(24)
    const p1Authorize = new URL(`${p1.issuer}/authorize`)
    p1Authorize.search = new URLSearchParams({
      client_id: p1.clientId,
      response_type: 'code',
      response_mode: 'pi.flow',
      scope: 'openid',
      nonce: p1Nonce,
      code_challenge: p1Pkce.challenge,
      code_challenge_method: 'S256',
      acr_values: p1.mfaOnlyAcrValues,
      login_hint_token: loginHintToken,
    }).toString()
    let mfa = await call(fetch, p1Cookies, p1Authorize.href, { method: 'GET' })
    expectStatus(mfa, 'DEVICE_SELECTION_REQUIRED')
    mfa = await call(fetch, p1Cookies, link(mfa, 'device.select'), {
      method: 'POST',
      headers: { 'content-type': 'application/vnd.pingidentity.device.select+json' },
      body: JSON.stringify({ device: { id: totpDeviceId(mfa) } }),
    })
    expectStatus(mfa, 'OTP_REQUIRED')
    mfa = await call(fetch, p1Cookies, link(mfa, 'otp.check'), {
      method: 'POST',
      headers: { 'content-type': 'application/vnd.pingidentity.otp.check+json' },
      body: JSON.stringify({ otp: totp(user.totpSecret) }),
    })
    expectStatus(mfa, 'COMPLETED')
    const resumeUrl =
      typeof mfa.resumeUrl === 'string' ? mfa.resumeUrl : `${p1.issuer}/resume?flowId=${String(mfa.id)}`
    const resumed = await call(fetch, p1Cookies, resumeUrl, { method: 'GET' })
    const p1Response = resumed.authorizeResponse as { code?: string }
    const p1Tokens = await call(fetch, p1Cookies, p1Provider.tokenEndpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: basic },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code: String(p1Response.code),
        code_verifier: p1Pkce.verifier,
      }).toString(),
    })
    const p1Claims = await verifyIdToken(p1Tokens.id_token, p1Provider.keys, p1.issuer, p1.clientId, p1Nonce)
    return { pingFederateSub: pfClaims.sub, pingOneSub: p1Claims.sub }
  }
}

interface Provider {
  readonly tokenEndpoint: string
  readonly keys: JWTVerifyGetKey
}

type Body = Record<string, unknown>

/** One request with the flow's cookies, redirects refused; reads the Set-Cookie answers back. */
async function call(
  fetch: typeof globalThis.fetch,
  cookies: Map<string, string>,
  url: string,
  init: { method: string; headers?: Record<string, string>; body?: string },
): Promise<Body> {
  const headers: Record<string, string> = { accept: 'application/json', ...init.headers }
  if (cookies.size > 0) headers.cookie = [...cookies].map(([name, value]) => `${name}=${value}`).join('; ')
  const response = await fetch(url, { ...init, headers, redirect: 'manual' })
  for (const line of response.headers.getSetCookie()) {
    const end = line.indexOf(';')
    const pair = end < 0 ? line : line.slice(0, end)
    const eq = pair.indexOf('=')
    if (eq > 0) cookies.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim())
  }
  if (!response.ok) throw new Error(`${init.method} ${new URL(url).pathname} answered ${response.status}`)
  return json(response) as Promise<Body>
}

async function json(response: Response): Promise<unknown> {
  if (!response.ok) throw new Error(`${response.url} answered ${response.status}`)
  return response.json()
}

function link(flow: Body, action: string): string {
  const href = (flow._links as Record<string, { href?: string }> | undefined)?.[action]?.href
  if (typeof href !== 'string') throw new Error(`the flow offers no ${action}`)
  return href
}

function expectStatus(flow: Body, status: string): void {
  if (flow.status !== status) throw new Error(`expected ${status}, the flow is at ${String(flow.status)}`)
}

async function verifyIdToken(
  idToken: unknown,
  keys: JWTVerifyGetKey,
  issuer: string,
  audience: string,
  nonce: string,
): Promise<{ sub: string }> {
  if (typeof idToken !== 'string') throw new Error('no id_token')
  const { payload } = await jwtVerify(idToken, keys, {
    issuer,
    audience,
    algorithms: ['RS256', 'ES256', 'PS256'],
    requiredClaims: ['sub', 'exp', 'iat'],
  })
  if (payload.nonce !== nonce) throw new Error('nonce mismatch')
  return { sub: String(payload.sub) }
}

function random(bytes = 32): string {
  return base64url(crypto.getRandomValues(new Uint8Array(bytes)))
}

async function pkce(): Promise<{ verifier: string; challenge: string }> {
  const verifier = random()
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))
  return { verifier, challenge: base64url(new Uint8Array(digest)) }
}

function base64url(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64url')
}
