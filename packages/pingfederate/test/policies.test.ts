import type { Emulator, EmulatorOptions } from '@redirectless/emulator'
import { defaultPingFederateConfig } from '@redirectless/emulator'
import { afterEach, describe, expect, it } from 'vitest'
import type { PingFederateClientOptions, PingFederateFlow } from '../src/index.js'
import { emulator, MODES, type Mode, PASSWORD, pfServerClient } from './helpers.js'

// Every policy of issue 12 §2, driven through the client against the emulator, in-process and over
// real HTTP: the typed states, the actions their `_links` offer, and the tokens at the end.

describe.each(MODES)('PingFederate policies as deployed, through the client (%s)', (mode: Mode) => {
  let emu: Emulator | undefined
  afterEach(async () => {
    await emu?.close()
    emu = undefined
  })

  async function start(
    options: EmulatorOptions['pingFederate'] = {},
    client: Partial<PingFederateClientOptions> = {},
    params: Parameters<ReturnType<typeof pfServerClient>['startFlow']>[0] = { scope: 'openid profile email' },
  ) {
    emu = await emulator(mode, { pingFederate: options })
    const pf = pfServerClient(emu, mode, client)
    const flow = await pf.startFlow(params)
    return { emu, pf, flow }
  }

  const password = (flow: PingFederateFlow, username = 'joe') =>
    flow.submit('checkUsernamePassword', { username, password: PASSWORD })
  const lastCode = (username: string) => emu?.outbox.last(username)?.otp ?? ''

  it('PingOne MFA adapter: authenticate → device selection → e-mail OTP → MFA_COMPLETED → tokens', async () => {
    const { flow } = await start({ mfa: { type: 'pingone-mfa' } })
    await password(flow)
    expect(flow.state.status).toBe('AUTHENTICATION_REQUIRED')
    await flow.submit('authenticate')
    const selection = flow.state
    if (selection.status !== 'DEVICE_SELECTION_REQUIRED') throw new Error(selection.status)
    expect(selection.devices.map((d) => `${d.type}:${d.target}`)).toEqual([
      'EMAIL:jo****@example.com',
      'SMS:*********01',
    ])
    await flow.submit('selectDevice', { deviceRef: { id: selection.devices[0]?.id ?? '' } })
    const otp = flow.state
    if (otp.status !== 'OTP_REQUIRED') throw new Error(otp.status)
    expect([otp.otpLength, flow.can('resendOtp'), flow.can('selectDevice')]).toEqual([6, true, true])
    const wrong = await flow.submit('checkOtp', { otp: 'nope' }).catch((e) => e)
    expect(wrong).toMatchObject({ code: 'FLOW_ERROR', detailCode: 'INVALID_OTP' })
    expect(wrong.server.details[0].attemptsRemaining).toBe(2)
    await flow.submit('checkOtp', { otp: lastCode('joe') })
    expect(flow.state.status).toBe('MFA_COMPLETED')
    await flow.submit('continueAuthentication')
    expect((await flow.complete()).claims?.sub).toBe('joe')
  })

  it('PingOne MFA adapter: a push approved after polling (GET), and MFA_FAILED after too many codes', async () => {
    const { flow } = await start({ mfa: { type: 'pingone-mfa', approveAfterPolls: 2 } })
    await password(flow, 'ann')
    await flow.submit('authenticate', {})
    await flow.submit('selectDevice', { deviceRef: { id: 'ann-mobile' } })
    expect([flow.state.status, flow.waiting]).toEqual(['PUSH_CONFIRMATION_WAITING', true])
    await flow.poll({ interval: 10, deadline: 10_000 })
    expect(flow.state.status).toBe('MFA_COMPLETED')

    const second = await pfServerClient(emu as Emulator, mode).startFlow({ scope: 'openid' })
    await password(second)
    await second.submit('authenticate')
    await second.submit('selectDevice', { deviceRef: { id: 'joe-sms' } })
    for (let i = 0; i < 2; i++) await second.submit('checkOtp', { otp: 'x' }).catch(() => {})
    await second.submit('checkOtp', { otp: 'x' })
    const failed = second.state
    if (failed.status !== 'MFA_FAILED') throw new Error(failed.status)
    expect(failed.code).toBe('OTP_ATTEMPTS_LIMIT')
    await second.cancel()
    expect(await second.complete().catch((e) => e.code)).toBe('FLOW_CANCELED')
  })

  it('PingOne MFA adapter: a FIDO2 assertion from the software key', async () => {
    const { flow } = await start({ mfa: { type: 'pingone-mfa' } })
    await password(flow, 'fido')
    await flow.submit('authenticate')
    const state = flow.state
    if (state.status !== 'ASSERTION_REQUIRED') throw new Error(state.status)
    const origin = 'https://localhost'
    const assertion = emu?.fido.getAssertion(state.publicKeyCredentialRequestOptions, origin) ?? ''
    await flow.submit('checkAssertion', { assertion, origin, compatibility: 'FULL' })
    await flow.submit('continueAuthentication')
    expect((await flow.complete()).claims?.sub).toBe('fido')
  })

  it('PingOne MFA adapter: resendOtp sends a new code (the old one stops working), selectDevice changes device', async () => {
    const { flow } = await start({ mfa: { type: 'pingone-mfa', deviceSelection: 'default' } })
    await password(flow)
    await flow.submit('authenticate')
    expect(flow.state.status).toBe('OTP_REQUIRED')
    const first = lastCode('joe')
    await flow.submit('resendOtp')
    const second = lastCode('joe')
    expect(second).not.toBe(first)
    const stale = await flow.submit('checkOtp', { otp: first }).catch((e) => e)
    expect(stale).toMatchObject({ code: 'FLOW_ERROR', detailCode: 'INVALID_OTP' })
    await flow.submit('selectDevice', { deviceRef: { id: 'joe-sms' } })
    const sms = flow.state
    if (sms.status !== 'OTP_REQUIRED') throw new Error(sms.status)
    expect([sms.selectedDeviceRef?.id, emu?.outbox.last('joe')?.channel]).toEqual(['joe-sms', 'SMS'])
    await flow.submit('checkOtp', { otp: lastCode('joe') })
    await flow.submit('continueAuthentication')
    expect((await flow.complete()).claims?.sub).toBe('joe')
  })

  it('PingOne MFA adapter: a push denied ends in FAILED; a push timed out is sent again', async () => {
    const { flow } = await start({
      mfa: { type: 'pingone-mfa', deviceSelection: 'default', pushOutcome: 'reject', approveAfterPolls: 1 },
    })
    await password(flow, 'ann')
    await flow.submit('authenticate')
    await flow.poll({ interval: 10, deadline: 10_000 })
    expect(flow.state.status).toBe('PUSH_CONFIRMATION_REJECTED')
    await flow.submit('cancelAuthentication')
    expect(await flow.complete().catch((e) => e.code)).toBe('FLOW_FAILED')

    await emu?.close()
    const timing = await start({
      mfa: { type: 'pingone-mfa', deviceSelection: 'default', pushOutcome: 'timeout', approveAfterPolls: 1 },
    })
    await password(timing.flow, 'ann')
    await timing.flow.submit('authenticate')
    await timing.flow.poll({ interval: 10, deadline: 10_000 })
    expect(timing.flow.state.status).toBe('PUSH_CONFIRMATION_TIMED_OUT')
    await timing.flow.submit('selectDevice', { deviceRef: { id: 'ann-mobile' } })
    expect([timing.flow.state.status, timing.flow.waiting]).toEqual(['PUSH_CONFIRMATION_WAITING', true])
  })

  it('PingOne MFA adapter: device management (default, nickname, remove), then resumeAuthentication', async () => {
    const { flow } = await start({ mfa: { type: 'pingone-mfa' } })
    await password(flow)
    await flow.submit('authenticate')
    await flow.submit('manageDevices')
    expect(flow.state.status).toBe('DEVICE_MANAGEMENT')
    await flow.submit('setDefaultDevice', { deviceRef: { id: 'joe-sms' } })
    await flow.submit('updateDeviceNickname', { id: 'joe-sms', nickname: 'Work phone' })
    await flow.submit('removeDevice', { deviceRef: { id: 'joe-email' } })
    const managed = flow.state
    if (managed.status !== 'DEVICE_MANAGEMENT') throw new Error(managed.status)
    expect(managed.devices.map((d) => [d.id, d.nickname, d.defaultDevice])).toEqual([
      ['joe-sms', 'Work phone', true],
    ])
    await flow.submit('resumeAuthentication')
    expect(flow.state.status).toBe('OTP_REQUIRED')
    await flow.submit('checkOtp', { otp: lastCode('joe') })
    await flow.submit('continueAuthentication')
    expect((await flow.complete()).claims?.sub).toBe('joe')
  })

  it('PingOne MFA adapter: a user with no device pairs an e-mail address (MFA_SETUP_REQUIRED), or fails', async () => {
    const { flow } = await start({ mfa: { type: 'pingone-mfa', noDevice: 'setup' } })
    await password(flow, 'nodevice')
    await flow.submit('authenticate')
    const setup = flow.state
    if (setup.status !== 'MFA_SETUP_REQUIRED') throw new Error(setup.status)
    expect(setup.allowSkipMfa).toBe(false)
    await flow.submit('setupMfa')
    await flow.submit('selectDevicePairingMethod', { devicePairingMethod: { deviceType: 'EMAIL' } })
    expect(flow.state.status).toBe('EMAIL_PAIRING_TARGET_REQUIRED')
    await flow.submit('submitEmailTarget', { email: 'ned@example.com' })
    expect([flow.state.status, emu?.outbox.last('nodevice')?.to]).toEqual([
      'EMAIL_ACTIVATION_REQUIRED',
      'ned@example.com',
    ])
    await flow.submit('activateEmailDevice', { otp: lastCode('nodevice') })
    await flow.submit('continueAuthentication')
    expect((await flow.complete()).claims?.sub).toBe('nodevice')

    await emu?.close()
    const failing = await start({ mfa: { type: 'pingone-mfa', noDevice: 'fail' } })
    await password(failing.flow, 'nodevice')
    await failing.flow.submit('authenticate')
    expect(failing.flow.state).toMatchObject({ status: 'MFA_FAILED', code: 'NO_DEVICES' })
  })

  it('PingID adapter: device selection, push waiting, then the app passcode instead', async () => {
    const { flow } = await start({ mfa: { type: 'pingid', pushOutcome: 'never' } })
    await password(flow, 'ann')
    expect(flow.state.status).toBe('DEVICE_SELECTION_REQUIRED')
    await flow.submit('selectDevice', { deviceRef: { id: 'ann-mobile' } })
    expect(flow.can('checkOtp')).toBe(true)
    const app = emu?.outbox.all('ann').find((m) => m.channel === 'TOTP')?.otp ?? ''
    await flow.submit('checkOtp', { otp: app })
    await flow.submit('continueAuthentication')
    expect((await flow.complete()).claims?.sub).toBe('ann')
  })

  it('password change from the sign-on form, then sign on', async () => {
    const { flow } = await start({ htmlForm: { passwordChange: true } })
    await flow.submit('initiatePasswordChange')
    expect(flow.state.status).toBe('CURRENT_CREDENTIALS_REQUIRED')
    await flow.submit('checkCurrentCredentials', { username: 'ann', password: PASSWORD })
    const choose = flow.state
    if (choose.status !== 'NEW_PASSWORD_REQUIRED') throw new Error(choose.status)
    expect(choose.existingPasswordRequired).toBe(false)
    await flow.submit('checkNewPassword', { username: choose.username, newPassword: 'A-new-passw0rd' })
    await flow.submit('continueAuthentication')
    expect((await flow.complete()).claims?.sub).toBe('ann')
  })

  it('a password about to expire: NEW_PASSWORD_RECOMMENDED → continueAuthentication', async () => {
    const users = defaultPingFederateConfig.users.map((u) =>
      u.username === 'joe' ? { ...u, passwordExpiresInDays: 1 } : u,
    )
    const { flow } = await start({ users })
    await password(flow)
    const soon = flow.state
    if (soon.status !== 'NEW_PASSWORD_RECOMMENDED') throw new Error(soon.status)
    expect(soon.daysToExpire).toBe(1)
    await flow.submit('continueAuthentication')
    expect((await flow.complete()).claims?.sub).toBe('joe')
  })

  it('password reset by an e-mailed code, then sign on with the new password', async () => {
    const { flow } = await start({ htmlForm: { accountRecovery: true } })
    await flow.submit('initiateAccountRecovery', { usernameHint: 'carl' })
    await flow.submit('checkAccountRecoveryUsername', { username: 'carl' })
    expect(flow.state.status).toBe('RECOVERY_CODE_REQUIRED')
    await flow.submit('checkRecoveryCode', { recoveryCode: lastCode('carl') })
    expect(flow.state.status).toBe('PASSWORD_RESET_REQUIRED')
    await flow.submit('checkPasswordReset', { newPassword: 'Carl-new-passw0rd' })
    expect(flow.state.status).toBe('SUCCESSFUL_PASSWORD_RESET')
    await flow.submit('continueAuthentication')
    await flow.submit('checkUsernamePassword', { username: 'carl', password: 'Carl-new-passw0rd' })
    // Reset passwords are not expired ones: carl no longer has to change his.
    expect((await flow.complete()).claims?.sub).toBe('carl')
  })

  it('username recovery by e-mail, then cancel: FLOW_CANCELED', async () => {
    const { flow } = await start({ htmlForm: { usernameRecovery: true } })
    await flow.submit('recoverUsername')
    await flow.submit('checkUsernameRecoveryEmail', { email: 'ann@example.com' })
    expect(flow.state.status).toBe('USERNAME_RECOVERY_EMAIL_SENT')
    expect(emu?.outbox.last('ann')?.text).toBe('Your username is ann.')
    await flow.submit('continueAuthentication')
    expect(flow.state.status).toBe('USERNAME_PASSWORD_REQUIRED')
    await flow.submit('recoverUsername')
    await flow.cancel()
    expect(flow.state).toMatchObject({ status: 'CANCELED', canceledOperation: 'USERNAME_RECOVERY' })
  })

  it('a locked account unlocked by the recovery code: SUCCESSFUL_ACCOUNT_UNLOCK, then sign on', async () => {
    const { flow } = await start({ htmlForm: { accountRecovery: true } })
    for (let i = 0; i < 3; i++) {
      await flow.submit('checkUsernamePassword', { username: 'lock', password: `wrong-${i}` }).catch(() => {})
    }
    await flow.submit('initiateAccountRecovery')
    await flow.submit('checkAccountRecoveryUsername', { username: 'lock' })
    await flow.submit('checkRecoveryCode', { recoveryCode: lastCode('lock') })
    expect([flow.state.status, flow.can('continueAccountRecovery')]).toEqual([
      'SUCCESSFUL_ACCOUNT_UNLOCK',
      true,
    ])
    await flow.submit('continueAuthentication')
    await password(flow, 'lock')
    expect((await flow.complete()).claims?.sub).toBe('lock')
  })

  it('a password change cancelled: CANCELED { PASSWORD_CHANGE }', async () => {
    const { flow } = await start({ htmlForm: { passwordChange: true } })
    await flow.submit('initiatePasswordChange')
    await flow.submit('cancelPasswordChange')
    expect(flow.state).toMatchObject({ status: 'CANCELED', canceledOperation: 'PASSWORD_CHANGE' })
    expect(await flow.complete().catch((e) => e.code)).toBe('FLOW_CANCELED')
  })

  it('registration: REGISTRATION_REQUIRED typed, a refused field, then the new account signs on', async () => {
    const { flow } = await start({ htmlForm: { registration: true } })
    await flow.submit('initiateRegistration')
    const form = flow.state
    if (form.status !== 'REGISTRATION_REQUIRED') throw new Error(form.status)
    expect(form.fields.filter((f) => f.required).map((f) => f.id)).toEqual(['username', 'email'])
    const refused = await flow
      .submit('registerUser', {
        password: 'A-good-passw0rd',
        fieldValues: { username: 'neo', email: 'nope' },
      })
      .catch((e) => e)
    expect(refused).toMatchObject({ code: 'FLOW_ERROR', detailCode: 'INVALID_FIELD_FORMAT' })
    await flow.submit('registerUser', {
      password: 'A-good-passw0rd',
      fieldValues: { username: 'neo', email: 'neo@example.com', givenName: 'Thomas' },
    })
    const { claims } = await flow.complete()
    expect([claims?.sub, claims?.email]).toEqual(['neo', 'neo@example.com'])
  })

  it('external authentication in a pop-up: poll() waits until the pop-up is done', async () => {
    const { flow } = await start({ externalSources: [{ name: 'Emulator Social', username: 'ann' }] })
    const form = flow.state
    if (form.status !== 'USERNAME_PASSWORD_REQUIRED') throw new Error(form.status)
    expect(form.alternativeAuthenticationSources).toEqual([{ name: 'Emulator Social' }])
    await flow.submit('useAlternativeAuthenticationSource', { authenticationSource: 'Emulator Social' })
    const external = flow.state
    if (external.status !== 'EXTERNAL_AUTHENTICATION_REQUIRED') throw new Error(external.status)
    expect([external.presentationMode, flow.waiting]).toEqual(['POPUP', true])
    expect(await flow.complete().catch((e) => e.code)).toBe('FLOW_NOT_COMPLETED')
    setTimeout(() => emu?.pingFederateExternal.complete(), 50)
    await flow.poll({ interval: 20, deadline: 10_000 })
    expect(flow.state.status).toBe('EXTERNAL_AUTHENTICATION_COMPLETED')
    await flow.submit('continueAuthentication')
    expect((await flow.complete()).claims?.sub).toBe('ann')
  })

  it('external authentication that fails in the pop-up: EXTERNAL_AUTHENTICATION_FAILED, then FAILED', async () => {
    const { flow } = await start({ externalSources: [{ name: 'Emulator Social', username: 'ann' }] })
    await flow.submit('useAlternativeAuthenticationSource', { authenticationSource: 'Emulator Social' })
    setTimeout(() => emu?.pingFederateExternal.fail(), 50)
    await flow.poll({ interval: 20, deadline: 10_000 })
    expect([flow.state.status, flow.waiting]).toEqual(['EXTERNAL_AUTHENTICATION_FAILED', false])
    await flow.submit('cancelAuthentication')
    expect(await flow.complete().catch((e) => e.code)).toBe('FLOW_FAILED')
  })

  it('external authentication with presentationMode REDIRECT is refused: UNEXPECTED_REDIRECT', async () => {
    const { flow } = await start({
      externalSources: [{ name: 'Corporate IdP', presentationMode: 'REDIRECT', username: 'joe' }],
    })
    await flow.submit('useAlternativeAuthenticationSource', { authenticationSource: 'Corporate IdP' })
    expect(flow.waiting).toBe(false)
    const refused = await flow.complete().catch((e) => e)
    expect(refused).toMatchObject({
      code: 'UNEXPECTED_REDIRECT',
      flowStatus: 'EXTERNAL_AUTHENTICATION_REQUIRED',
    })
    await flow.cancel()
    expect(flow.state.status).toBe('FAILED')
  })

  it('RESUME: RESUME_REQUIRED by default; with followResume the code is read from the redirect', async () => {
    const { flow } = await start({ nonApiStep: { interactive: false } })
    await password(flow)
    const resume = flow.state
    if (resume.status !== 'RESUME') throw new Error(resume.status)
    expect(resume.resumeUrl).toContain(`/as/${resume.id}/resume/as/authorization.ping`)
    expect(await flow.complete().catch((e) => e.code)).toBe('RESUME_REQUIRED')

    const following = pfServerClient(emu as Emulator, mode, { followResume: true })
    const second = await following.startFlow({ scope: 'openid' })
    await password(second)
    expect(second.state.status).toBe('RESUME')
    expect((await second.complete()).claims?.sub).toBe('joe')
  })

  it.each(['form_post', 'pi.flow'] as const)('RESUME followed: resumeResponse %s', async (resumeResponse) => {
    const { flow } = await start(
      { nonApiStep: { interactive: false }, resumeResponse },
      { followResume: true },
    )
    await password(flow, 'ann')
    expect((await flow.complete()).claims?.sub).toBe('ann')
  })

  it('RESUME followed into a step that needs a person: RESUME_REQUIRED, the flow still resumable by a browser', async () => {
    const { flow } = await start({ nonApiStep: {} }, { followResume: true })
    await password(flow)
    const refused = await flow.complete().catch((e) => e)
    expect(refused).toMatchObject({ code: 'RESUME_REQUIRED', status: 200 })
  })

  it('RESUME for a client in authentication-application mode, followed', async () => {
    const { flow } = await start({}, { clientId: 'redirectless-authn-app', followResume: true })
    await password(flow, 'ann')
    expect(flow.state.status).toBe('RESUME')
    expect((await flow.complete()).claims?.sub).toBe('ann')
  })

  it('client_secret_jwt and private_key_jwt at the token endpoint', async () => {
    emu = await emulator(mode)
    const jwt = emu.pingFederate.jwtClient
    const pk = emu.pingFederate.privateKeyJwtClient
    if (!jwt || !pk) throw new Error('the default clients are missing')
    const clients = [
      pfServerClient(emu, mode, {
        clientId: jwt.clientId,
        clientSecret: jwt.clientSecret,
        tokenEndpointAuthMethod: 'client_secret_jwt',
      }),
      pfServerClient(emu, mode, { clientId: pk.clientId, clientPrivateKey: { key: pk.privateKey } }),
    ]
    for (const pf of clients) {
      const flow = await pf.startFlow({ scope: 'openid email' })
      await password(flow)
      const { tokens, claims } = await flow.complete()
      expect([tokens.token_type, claims?.email]).toEqual(['Bearer', 'joe@example.com'])
    }
  })
})

describe('the browser entry leaves the server features out', () => {
  it('refuses followResume and the client-assertion methods at once, naming the Node entry', async () => {
    const { createPingFederateClient } = await import('../src/index.js')
    const base = { baseUrl: 'https://pf.example', clientId: 'app' }
    const attempts = [
      () => createPingFederateClient({ ...base, followResume: true }),
      () =>
        createPingFederateClient({
          ...base,
          clientSecret: 'a-client-secret-of-at-least-32-bytes!',
          tokenEndpointAuthMethod: 'client_secret_jwt',
        }),
      () => createPingFederateClient({ ...base, clientPrivateKey: { key: { kty: 'EC', d: 'x' } } }),
    ]
    for (const attempt of attempts) {
      expect(attempt).toThrowError(
        expect.objectContaining({ code: 'INVALID_ARGUMENT', message: expect.stringContaining('Node entry') }),
      )
    }
  })
})
