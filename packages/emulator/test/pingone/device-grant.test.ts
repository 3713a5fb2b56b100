import { describe, expect, it } from 'vitest'
import { createEmulator, P1_DEVICE_CLIENT_ID } from '../../src/index.js'
import { act, answer, type Fetch, read } from './helpers.js'

const PASSWORD = '2FederateM0re'
const GRANT = 'urn:ietf:params:oauth:grant-type:device_code'

async function form(fetch: Fetch, url: string, body: Record<string, string>) {
  return answer(
    await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(body),
    }),
  )
}

async function deviceAuthorization(emu: ReturnType<typeof createEmulator>) {
  const started = await form(emu.fetch, emu.pingOne.deviceAuthorizationEndpoint, {
    client_id: P1_DEVICE_CLIENT_ID,
    scope: 'openid profile',
  })
  expect(started.status).toBe(200)
  return started.body as {
    device_code: string
    user_code: string
    verification_uri: string
    verification_uri_complete: string
    expires_in: number
    interval: number
  }
}

const poll = (emu: ReturnType<typeof createEmulator>, deviceCode: string) =>
  form(emu.fetch, `${emu.pingOne.issuer}/token`, {
    client_id: P1_DEVICE_CLIENT_ID,
    grant_type: GRANT,
    device_code: deviceCode,
  })

describe('device authorization grant: DAG_USER_CODE_REQUIRED, DAG_CONSENT_REQUIRED', () => {
  it('the user verifies the code, signs on and consents; the device then gets its tokens once', async () => {
    const emu = createEmulator()
    const device = await deviceAuthorization(emu)
    expect(device).toMatchObject({
      user_code: expect.stringMatching(/^[B-Z]{4}-[B-Z]{4}$/),
      verification_uri: `${emu.pingOne.authBaseUrl}/${emu.pingOne.environmentId}/device/tv`,
      expires_in: 600,
      interval: 5,
    })
    expect((await poll(emu, device.device_code)).body.error).toBe('authorization_pending')
    expect((await poll(emu, device.device_code)).body.error).toBe('slow_down')

    const started = await answer(await emu.fetch(`${device.verification_uri}?response_mode=pi.flow`))
    expect(started.body.status).toBe('DAG_USER_CODE_REQUIRED')
    expect(Object.keys(started.body._links).sort()).toEqual([
      'deviceAuthGrant.userCode.verify',
      'self',
      'signOnPage',
    ])
    const flow = started.body
    const wrong = await act(emu, flow, 'deviceAuthGrant.userCode.verify', { userCode: 'BBBB-BBBB' })
    expect(wrong.body.details[0]).toMatchObject({ code: 'INVALID_VALUE', target: 'userCode' })
    const typed = device.user_code.toLowerCase().replace('-', ' ')
    const signOn = await act(emu, flow, 'deviceAuthGrant.userCode.verify', { userCode: typed })
    expect(signOn.body.status).toBe('USERNAME_PASSWORD_REQUIRED')
    const consent = await act(emu, flow, 'usernamePassword.check', { username: 'joe', password: PASSWORD })
    expect(consent.body.status).toBe('DAG_CONSENT_REQUIRED')
    expect(consent.body._embedded.deviceAuthorization).toEqual({
      userCode: device.user_code,
      scopes: ['openid', 'profile'],
    })
    expect(consent.body._embedded.application.name).toBe('Redirectless TV')
    const done = await act(emu, flow, 'deviceAuthGrant.consent', { accept: true })
    expect(done.body.status).toBe('COMPLETED')

    emu.clock.advance(5_000)
    const tokens = await poll(emu, device.device_code)
    expect(tokens.status).toBe(200)
    expect(tokens.body).toMatchObject({
      token_type: 'Bearer',
      access_token: expect.any(String),
      id_token: expect.any(String),
    })
    emu.clock.advance(5_000)
    expect((await poll(emu, device.device_code)).body.error).toBe('invalid_grant')
  })

  it('verification_uri_complete carries the code; refusing denies the device', async () => {
    const emu = createEmulator()
    const device = await deviceAuthorization(emu)
    const started = await answer(
      await emu.fetch(`${device.verification_uri_complete}&response_mode=pi.flow&acr_values=Single_Factor`),
    )
    expect(started.body.status).toBe('USERNAME_PASSWORD_REQUIRED')
    await act(emu, started.body, 'usernamePassword.check', { username: 'joe', password: PASSWORD })
    const denied = await act(emu, started.body, 'deviceAuthGrant.consent', { accept: false })
    expect(denied.body.status).toBe('FAILED')
    expect(denied.body.error.code).toBe('CONSENT_DECLINED')
    expect((await poll(emu, device.device_code)).body.error).toBe('access_denied')
  })

  it('expired codes, unknown paths, other apps and a missing pi.flow are refused', async () => {
    const emu = createEmulator()
    const device = await deviceAuthorization(emu)
    expect((await answer(await emu.fetch(device.verification_uri))).status).toBe(400)
    expect((await answer(await emu.fetch(`${device.verification_uri}x?response_mode=pi.flow`))).status).toBe(
      404,
    )
    const web = await form(emu.fetch, emu.pingOne.deviceAuthorizationEndpoint, {
      client_id: emu.pingOne.clientId,
    })
    expect(web.status).toBe(401)
    emu.clock.advance(601_000)
    expect((await poll(emu, device.device_code)).body.error).toBe('expired_token')
    const started = (await answer(await emu.fetch(`${device.verification_uri}?response_mode=pi.flow`))).body
    const late = await act(emu, started, 'deviceAuthGrant.userCode.verify', { userCode: device.user_code })
    expect(late.status).toBe(400)
    expect((await read(emu, started)).body.status).toBe('DAG_USER_CODE_REQUIRED')
  })
})
