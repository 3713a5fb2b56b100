import { type JWTPayload, SignJWT } from 'jose'
import type { Emulator } from '../../src/index.js'

/** A plain `fetch` bound to one emulator: in-process (`emu.fetch`) or the global one over HTTP. */
export type Fetch = (input: string, init?: RequestInit) => Promise<Response>

export const bytes = (text: string): Uint8Array => new TextEncoder().encode(text)

/** A `login_hint_token` signed by the issuer app unless told otherwise; `exp: null` leaves `exp` out. */
export async function loginHintToken(
  emu: Emulator,
  sub: string,
  options: {
    secret?: string
    iss?: string
    aud?: string
    exp?: number | null
    nbf?: number
    alg?: 'HS256' | 'HS384' | 'HS512'
    header?: Record<string, unknown>
    claims?: JWTPayload
  } = {},
): Promise<string> {
  const now = Math.floor(emu.clock.now() / 1000)
  const jwt = new SignJWT({ ...options.claims })
    .setProtectedHeader({ alg: options.alg ?? 'HS256', ...options.header })
    .setIssuer(options.iss ?? emu.pingOne.loginHintIssuer.clientId)
    .setSubject(sub)
    .setAudience(options.aud ?? emu.pingOne.issuer)
    .setIssuedAt(now)
  if (options.exp !== null) jwt.setExpirationTime(options.exp ?? now + 300)
  if (options.nbf !== undefined) jwt.setNotBefore(options.nbf)
  return jwt.sign(bytes(options.secret ?? emu.pingOne.loginHintIssuer.secret))
}

/** A `request` object signed with the default client's secret. */
export async function requestObject(
  emu: Emulator,
  claims: JWTPayload,
  options: { secret?: string; iss?: string } = {},
): Promise<string> {
  const now = Math.floor(emu.clock.now() / 1000)
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer(options.iss ?? emu.pingOne.clientId)
    .setAudience(emu.pingOne.issuer)
    .setIssuedAt(now)
    .setExpirationTime(now + 300)
    .sign(bytes(options.secret ?? emu.pingOne.clientSecret))
}

/** An `alg: none` request object. */
export function unsignedRequestObject(emu: Emulator, claims: JWTPayload, iss: string): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url')
  return `${part({ alg: 'none' })}.${part({ iss, aud: emu.pingOne.issuer, ...claims })}.`
}

/** A flow response with its parsed body and the `ST` cookie pair it set, if any. */
export interface Answer {
  readonly response: Response
  readonly status: number
  // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON members
  readonly body: any
  readonly cookie: string | undefined
}

export async function answer(response: Response): Promise<Answer> {
  const text = await response.text()
  const setCookie = response.headers.get('set-cookie')
  return {
    response,
    status: response.status,
    body: text ? JSON.parse(text) : undefined,
    cookie: setCookie ? setCookie.split(';')[0] : undefined,
  }
}

/** `GET /as/authorize` with `response_mode=pi.flow` and the default client unless overridden. */
export async function authorize(
  emu: Emulator,
  params: Record<string, string>,
  fetch: Fetch = emu.fetch,
  base = emu.pingOne.authBaseUrl,
): Promise<Answer> {
  const query = new URLSearchParams({
    client_id: emu.pingOne.clientId,
    response_type: 'code',
    response_mode: 'pi.flow',
    scope: 'openid profile',
    ...params,
  })
  return answer(await fetch(`${base}/${emu.pingOne.environmentId}/as/authorize?${query}`))
}

/** An MFA-only authorize for `username` (a fresh `login_hint_token`, `acr_values=MFA-Only`). */
export async function startMfa(
  emu: Emulator,
  username: string,
  params: Record<string, string> = {},
  fetch: Fetch = emu.fetch,
): Promise<Answer> {
  return authorize(
    emu,
    { acr_values: 'MFA-Only', login_hint_token: await loginHintToken(emu, username), ...params },
    fetch,
  )
}

/** `POST` a flow action by its media type. */
export async function act(
  emu: Emulator,
  flow: { _links: { self: { href: string } } },
  action: string,
  body?: unknown,
  options: { fetch?: Fetch; contentType?: string; cookie?: string } = {},
): Promise<Answer> {
  const headers: Record<string, string> = {
    'content-type': options.contentType ?? `application/vnd.pingidentity.${action}+json`,
  }
  if (options.cookie) headers.cookie = options.cookie
  const init: RequestInit = { method: 'POST', headers }
  if (body !== undefined) init.body = JSON.stringify(body)
  return answer(await (options.fetch ?? emu.fetch)(flow._links.self.href, init))
}

/** `GET` the flow (the push poll). */
export async function read(
  emu: Emulator,
  flow: { _links: { self: { href: string } } },
  fetch: Fetch = emu.fetch,
): Promise<Answer> {
  return answer(await fetch(flow._links.self.href))
}

/** `GET` the resume URL with the `ST` cookie. */
export async function resume(
  emu: Emulator,
  flow: { resumeUrl: string },
  cookie: string | undefined,
  fetch: Fetch = emu.fetch,
): Promise<Answer> {
  return answer(await fetch(flow.resumeUrl, cookie ? { headers: { cookie } } : {}))
}

/** `POST /as/token` with a form body and optional Basic credentials. */
export async function tokenRequest(
  emu: Emulator,
  form: Record<string, string>,
  options: { basic?: [string, string]; fetch?: Fetch } = {},
): Promise<Answer> {
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' }
  if (options.basic) headers.authorization = `Basic ${btoa(`${options.basic[0]}:${options.basic[1]}`)}`
  return answer(
    await (options.fetch ?? emu.fetch)(`${emu.pingOne.issuer}/token`, {
      method: 'POST',
      headers,
      body: new URLSearchParams(form),
    }),
  )
}

/** The user id the default data gives `username`. */
export function userId(emu: Emulator, username: string): string {
  const user = emu.pingOne.users.find((u) => u.username === username)
  if (!user) throw new Error(`no user ${username}`)
  return user.id
}

/** Walks joe's MFA-only flow to `COMPLETED` with the outbox OTP; returns the completed flow and cookie. */
export async function completeJoe(
  emu: Emulator,
  params: Record<string, string> = {},
): Promise<{ flow: Answer['body']; cookie: string | undefined }> {
  const started = await startMfa(emu, 'joe', params)
  const otp = emu.outbox.last('joe')?.otp
  const done = await act(emu, started.body, 'otp.check', { otp })
  if (done.body.status !== 'COMPLETED') throw new Error(`joe did not complete: ${done.status}`)
  return { flow: done.body, cookie: started.cookie }
}
