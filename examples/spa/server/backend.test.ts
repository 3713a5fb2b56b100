import { DEMO_PASSWORD, type Emulator, startEmulator } from '@redirectless/emulator'
import { createPingFederateClient } from '@redirectless/pingfederate'
import { decodeJwt } from 'jose'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createSpaBackend } from './backend.js'

const ORIGIN = 'http://localhost:5173'

// The login-hint route against a real PingFederate id_token from the emulator over loopback HTTP:
// a login_hint_token only for the user a valid id_token names, only for the page's origin.
describe('the SPA backend: POST /api/login-hint', () => {
  let emu: Emulator
  let backend: ReturnType<typeof createSpaBackend>
  let idToken: string

  /** joe's id_token from a PingFederate client with this id. */
  const signIn = async (clientId: string, clientSecret?: string) => {
    const pf = createPingFederateClient({
      baseUrl: emu.pingFederate.baseUrl,
      clientId,
      ...(clientSecret !== undefined && { clientSecret }),
    })
    const flow = await pf.startFlow({ scope: ['openid', 'profile'] })
    await flow.submit('checkUsernamePassword', { username: 'joe', password: DEMO_PASSWORD })
    const { tokens } = await flow.complete()
    return String(tokens.id_token)
  }
  const ask = (body: unknown, headers: Record<string, string> = {}) =>
    backend.fetch(
      new Request(`${ORIGIN}/api/login-hint`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: ORIGIN, ...headers },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      }),
    )

  beforeAll(async () => {
    emu = await startEmulator()
    backend = createSpaBackend({
      staticDir: import.meta.dirname,
      origins: [ORIGIN],
      config: {
        pingFederate: { baseUrl: emu.pingFederate.baseUrl, clientId: emu.pingFederate.clientId },
        pingOne: {
          authBaseUrl: emu.pingOne.authBaseUrl,
          environmentId: emu.pingOne.environmentId,
          clientId: emu.pingOne.clientId,
          acrValues: emu.pingOne.mfaOnlyAcrValues,
        },
      },
      loginHintIssuer: emu.pingOne.loginHintIssuer,
      pingOneIssuer: emu.pingOne.issuer,
    })
    idToken = await signIn(emu.pingFederate.clientId)
  })
  afterAll(() => emu?.close())

  it('mints a short login_hint_token for the sub of a valid id_token, for PingOne', async () => {
    const response = await ask({ id_token: idToken })
    expect(response.status).toBe(200)
    expect(response.headers.get('cache-control')).toBe('no-store')
    const { login_hint_token } = (await response.json()) as { login_hint_token: string }
    const claims = decodeJwt(login_hint_token)
    expect(claims).toMatchObject({
      sub: 'joe',
      iss: emu.pingOne.loginHintIssuer.clientId,
      aud: emu.pingOne.issuer,
    })
    expect(Number(claims.exp) - Number(claims.iat)).toBeLessThanOrEqual(120)
  })

  it('refuses an id_token whose signature was tampered with, or made for another client', async () => {
    const [header, , signature] = idToken.split('.')
    const claims = Buffer.from(JSON.stringify({ ...decodeJwt(idToken), sub: 'ann' })).toString('base64url')
    const forged = `${header}.${claims}.${signature}`
    for (const token of [forged, `${idToken.slice(0, -4)}AAAA`]) {
      const response = await ask({ id_token: token })
      expect(response.status).toBe(401)
      expect(await response.json()).toEqual({
        error: { code: 'ID_TOKEN_INVALID', message: 'The id_token was not accepted' },
      })
    }
    const bff = emu.pingFederate.bffClient
    expect(bff).toBeDefined()
    const otherClient = await signIn(bff?.clientId ?? '', bff?.clientSecret)
    expect((await ask({ id_token: otherClient })).status).toBe(401)
  })

  it('answers only JSON from the page origin, with an id_token in it', async () => {
    expect((await ask({ id_token: idToken }, { origin: 'https://evil.example' })).status).toBe(403)
    expect((await ask('id_token=x', { 'content-type': 'text/plain' })).status).toBe(415)
    expect((await ask({ subject: 'joe' })).status).toBe(400)
    expect((await ask('{not json')).status).toBe(400)
    expect((await ask({ id_token: 'x'.repeat(20_000) })).status).toBe(413)
  })
})
