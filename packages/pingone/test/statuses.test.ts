import { P1_CORPORATE_IDP_ID, P1_DEVICE_CLIENT_ID } from '@redirectless/emulator'
import { describe, expect, it } from 'vitest'
import { isRedirectlessError, type PingOneFlow, type RedirectlessError } from '../src/index.js'
import { createRequestObject } from '../src/jwt/index.js'
import { MODES, rejection, useEmulator } from './support/emulator.js'

const PASSWORD = '2FederateM0re'
const STRONG = 'Fresh-Start-42'

/** Narrows the flow's state to `status`, failing the test otherwise. */
function expectStatus<S extends PingOneFlow['state']['status']>(flow: PingOneFlow, status: S) {
  const state = flow.state
  if (state.status !== status) throw new Error(`expected ${status}, got ${state.status}`)
  return state as Extract<PingOneFlow['state'], { status: S }>
}

describe.each(MODES)('every sign-on status, driven by the client (%s)', (mode) => {
  const h = useEmulator(mode)
  const start = (acrValues: string, extra: { loginHintToken?: string; request?: string } = {}) =>
    h.client().startFlow({ scope: 'openid profile', acrValues, ...extra })

  it('signOnPage is a link, not an action: not listed, and refused before anything is sent', async () => {
    const flow = await start('Single_Factor')
    expect(Object.keys(flow.state._links)).toContain('signOnPage')
    expect(flow.actions).not.toContain('signOnPage')
    expect(flow.actions).not.toContain('self')
    expect(flow.can('signOnPage' as 'session.reset')).toBe(false)
    const before = flow.state
    const error = await rejection(flow.submit('signOnPage' as 'session.reset'))
    expect(isRedirectlessError(error, 'ACTION_NOT_AVAILABLE')).toBe(true)
    expect(flow.state).toBe(before)
    // The flow is untouched and still answers.
    expect(
      (await flow.submit('usernamePassword.check', { username: 'carl', password: PASSWORD })).status,
    ).toBe('COMPLETED')
  })

  it('identifier first: SIGN_ON_REQUIRED → user.lookup → PASSWORD_REQUIRED (link under requiredStep) → MFA', async () => {
    const flow = await start('Identifier_First')
    expectStatus(flow, 'SIGN_ON_REQUIRED')
    expect([...flow.actions].sort()).toEqual(['password.forgot', 'user.lookup'])
    await flow.submit('user.lookup', { username: 'joe' })
    const state = expectStatus(flow, 'PASSWORD_REQUIRED')
    expect(state._embedded?.user?.username).toBe('joe')
    // The client lists the link PingOne put under `_embedded.requiredStep._links`.
    expect(flow.can('usernamePassword.check')).toBe(true)
    await flow.submit('usernamePassword.check', { username: 'joe', password: PASSWORD })
    expectStatus(flow, 'OTP_REQUIRED')
    await flow.submit('otp.check', { otp: h.emu.outbox.last('joe')?.otp ?? '' })
    expect((await flow.complete()).claims?.sub).toBe(h.userId('joe'))
  })

  it('passwordless transaction approval: user.lookup, then the OTP shows the payment', async () => {
    const request = await createRequestObject({
      issuer: h.emu.pingOne.clientId,
      secret: h.emu.pingOne.clientSecret,
      authBaseUrl: h.emu.pingOne.authBaseUrl,
      environmentId: h.emu.pingOne.environmentId,
      template: { name: 'transaction', variables: { sum: '42.00', currency: 'EUR', recipient: 'Ann Jones' } },
      now: () => h.emu.clock.now(),
    })
    const flow = await start('Passwordless', { request })
    await flow.submit('user.lookup', { username: 'joe' })
    expectStatus(flow, 'OTP_REQUIRED')
    const sms = h.emu.outbox.last('joe')
    expect(sms?.text).toContain('42.00 EUR to Ann Jones')
    await flow.submit('otp.check', { otp: sms?.otp ?? '' })
    expect((await flow.complete()).claims?.acr).toBe('Passwordless')
  })

  it('kerberos.lookup: refused without the browser’s ticket (FLOW_ERROR 401), signs on with it', async () => {
    const flow = await start('Passwordless')
    expect(flow.can('kerberos.lookup')).toBe(true)
    const error = (await rejection(flow.submit('kerberos.lookup'))) as RedirectlessError
    expect(isRedirectlessError(error, 'FLOW_ERROR')).toBe(true)
    expect(error.status).toBe(401)
    expectStatus(flow, 'SIGN_ON_REQUIRED')
    h.emu.pingOneBrowser.kerberos(flow.state.id, 'fido')
    await flow.submit('kerberos.lookup')
    expectStatus(flow, 'ASSERTION_REQUIRED')
  })

  it.each([
    ['pat', 'MUST_CHANGE_PASSWORD'],
    ['eve', 'PASSWORD_EXPIRED'],
  ] as const)(
    '%s: %s → password.reset, a weak password refused with unsatisfiedRequirements',
    async (user, status) => {
      const flow = await start('Multi_Factor', { loginHintToken: await h.loginHintToken(user) })
      expectStatus(flow, 'PASSWORD_REQUIRED')
      await flow.submit('usernamePassword.check', { username: user, password: PASSWORD })
      const state = expectStatus(flow, status)
      expect(state._embedded?.passwordPolicy?.length?.min).toBe(8)
      const weak = (await rejection(
        flow.submit('password.reset', { currentPassword: PASSWORD, newPassword: 'abc' }),
      )) as RedirectlessError
      expect(isRedirectlessError(weak, 'FLOW_ERROR')).toBe(true)
      expect(weak.server?.details?.[0]?.innerError?.unsatisfiedRequirements).toEqual(
        expect.arrayContaining(['length', 'minCharacters']),
      )
      expect(flow.state).toBe(state)
      await flow.submit('password.reset', { currentPassword: PASSWORD, newPassword: STRONG })
      expectStatus(flow, 'OTP_REQUIRED')
      await flow.submit('otp.check', { otp: h.emu.outbox.last(user)?.otp ?? '' })
      expect((await flow.complete()).claims?.sub).toBe(h.userId(user))
    },
  )

  it('PASSWORD_LOCKED_OUT comes as FLOW_ERROR with innerError.secondsUntilUnlock', async () => {
    const flow = await start('Single_Factor')
    let error: RedirectlessError | undefined
    for (let i = 0; i < 5; i++)
      error = (await rejection(
        flow.submit('usernamePassword.check', { username: 'lock', password: 'no' }),
      )) as RedirectlessError
    expect(error?.code).toBe('FLOW_ERROR')
    expect(error?.server?.details?.[0]).toMatchObject({
      code: 'PASSWORD_LOCKED_OUT',
      innerError: { secondsUntilUnlock: 900 },
    })
    expectStatus(flow, 'USERNAME_PASSWORD_REQUIRED')
    h.emu.clock.advance(900_000)
  })

  it('password.forgot for an unknown user is FLOW_ERROR (not FLOW_EXPIRED), the flow unchanged', async () => {
    const flow = await start('Single_Factor')
    const before = flow.state
    const error = (await rejection(
      flow.submit('password.forgot', { username: 'nobody' }),
    )) as RedirectlessError
    expect(isRedirectlessError(error, 'FLOW_ERROR')).toBe(true)
    expect(error.status).toBe(404)
    expect(error.server?.code).toBe('NOT_FOUND')
    expect(flow.state).toBe(before)
    await flow.submit('password.forgot', { username: 'carl' })
    expectStatus(flow, 'RECOVERY_CODE_REQUIRED')
    // A flow that really expired is still FLOW_EXPIRED.
    h.emu.clock.advance(16 * 60_000)
    expect(
      isRedirectlessError(await rejection(flow.submit('password.sendRecoveryCode')), 'FLOW_EXPIRED'),
    ).toBe(true)
  })

  it('user.register → VERIFICATION_CODE_REQUIRED → user.verify → COMPLETED', async () => {
    const flow = await start('Self_Service')
    const state = expectStatus(flow, 'USERNAME_PASSWORD_REQUIRED')
    expect(state._embedded?.socialProviders?.[0]?.name).toBe('Google')
    expect(state._embedded?.passwordPolicy?.name).toBe('Standard')
    const username = `reg-${mode}`
    await flow.submit('user.register', { username, email: `${username}@example.com`, password: STRONG })
    expectStatus(flow, 'VERIFICATION_CODE_REQUIRED')
    await flow.submit('user.sendVerificationCode')
    await flow.submit('user.verify', { verificationCode: h.emu.outbox.last(username)?.otp ?? '' })
    expect((await flow.complete()).claims?.preferred_username).toBe(username)
  })

  it('user.acceptInvite sets the invited user’s first password', async () => {
    const flow = await start('Self_Service')
    const invite = h.emu.config.pingOne.users.find((u) => u.username === 'ivy')?.inviteCode ?? ''
    // Each mode has its own emulator, so ivy's invitation is still open here.
    await flow.submit('user.acceptInvite', { inviteCode: invite, password: STRONG, accept: true })
    expect((await flow.complete()).claims?.preferred_username).toBe('ivy')
  })

  it('a step-up meets AGREEMENT_CONSENT_REQUIRED and PROFILE_DATA_REQUIRED, and finishes', async () => {
    const flow = await start('Step_Up', { loginHintToken: await h.loginHintToken('carl') })
    const consent = expectStatus(flow, 'AGREEMENT_CONSENT_REQUIRED')
    expect(consent._embedded?.agreement?.name).toBe('Terms of Service')
    await flow.submit('user.consent', { accept: true })
    const profile = expectStatus(flow, 'PROFILE_DATA_REQUIRED')
    expect(profile._embedded?.profileData?.attributes.map((a) => a.name)).toEqual(['mobilePhone', 'nickname'])
    await flow.submit('user.update', { mobilePhone: '+15555550103' })
    expectStatus(flow, 'OTP_REQUIRED')
    await flow.submit('otp.check', { otp: h.emu.outbox.last('carl')?.otp ?? '' })
    expect((await flow.complete()).claims?.sub).toBe(h.userId('carl'))
  })

  it('a declined agreement ends in FAILED; complete() resumes it and says why (access_denied)', async () => {
    const flow = await start('Step_Up', { loginHintToken: await h.loginHintToken('fido') })
    await flow.submit('user.consent', { accept: false })
    const failed = expectStatus(flow, 'FAILED')
    expect(failed.error?.code).toBe('AGREEMENT_DECLINED')
    const error = (await rejection(flow.complete())) as RedirectlessError
    expect(isRedirectlessError(error, 'FLOW_FAILED')).toBe(true)
    expect(error.message).toContain('AGREEMENT_DECLINED')
    expect(error.server).toEqual({
      code: 'access_denied',
      message: 'The user declined the agreement. (AGREEMENT_DECLINED)',
    })
  })

  it('EXTERNAL_AUTHENTICATION_REQUIRED waits (poll) until the browser is back from the provider', async () => {
    const flow = await start('External_IdP')
    const state = expectStatus(flow, 'EXTERNAL_AUTHENTICATION_REQUIRED')
    expect(flow.waiting).toBe(true)
    expect(flow.actions).toEqual([])
    const provider = state._embedded?.identityProvider
    expect(provider?.id).toBe(P1_CORPORATE_IDP_ID)
    expect(provider?._links?.authenticate?.href).toContain('/rp/authenticate?')
    setTimeout(() => h.emu.pingOneBrowser.externalSignIn(state.id, { subject: 'joe@corp.example' }), 50)
    const done = await flow.poll({ interval: 20 })
    expect(done.status).toBe('COMPLETED')
    expect((await flow.complete()).claims?.sub).toBe(h.userId('joe'))
  })

  it('ACCOUNT_CONFIRMATION_REQUIRED → user.confirm; ACCOUNT_LINKING_REQUIRED → usernamePassword.check', async () => {
    const flow = await start('External_IdP')
    h.emu.pingOneBrowser.externalSignIn(flow.state.id, {
      subject: `${mode}@corp.example`,
      email: `${mode}@corp.example`,
    })
    await flow.refresh()
    const confirm = expectStatus(flow, 'ACCOUNT_CONFIRMATION_REQUIRED')
    expect(confirm._embedded?.user).toEqual({
      username: `${mode}@corp.example`,
      email: `${mode}@corp.example`,
    })
    await flow.submit('user.confirm', { username: `ext-${mode}` })
    expect((await flow.complete()).claims?.preferred_username).toBe(`ext-${mode}`)

    const linking = await start('External_IdP', { loginHintToken: await h.loginHintToken('ann') })
    h.emu.pingOneBrowser.externalSignIn(linking.state.id, { subject: `ann-${mode}@corp.example` })
    await linking.refresh()
    expectStatus(linking, 'ACCOUNT_LINKING_REQUIRED')
    await linking.submit('usernamePassword.check', { username: 'ann', password: PASSWORD })
    expect((await linking.complete()).claims?.sub).toBe(h.userId('ann'))
  })

  it('device authorization grant: the user side through the client, the device side by its token polls', async () => {
    const post = (url: string, body: Record<string, string>) =>
      h.emu
        .fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams(body),
        })
        .then((r) => r.json())
    const device = await post(h.emu.pingOne.deviceAuthorizationEndpoint, {
      client_id: P1_DEVICE_CLIENT_ID,
      scope: 'openid',
    })
    const p1 = h.client({ clientId: P1_DEVICE_CLIENT_ID, clientSecret: undefined })
    const flow = await p1.startDeviceVerification({ devicePathId: 'tv' })
    expectStatus(flow, 'DAG_USER_CODE_REQUIRED')
    await flow.submit('deviceAuthGrant.userCode.verify', { userCode: device.user_code })
    await flow.submit('usernamePassword.check', { username: 'carl', password: PASSWORD })
    const consent = expectStatus(flow, 'DAG_CONSENT_REQUIRED')
    expect(consent._embedded?.deviceAuthorization?.userCode).toBe(device.user_code)
    await flow.submit('deviceAuthGrant.consent', { accept: true })
    expectStatus(flow, 'COMPLETED')
    expect(isRedirectlessError(await rejection(flow.complete()), 'INVALID_ARGUMENT')).toBe(true)
    const tokens = await post(`${h.emu.pingOne.issuer}/token`, {
      client_id: P1_DEVICE_CLIENT_ID,
      grant_type: 'urn:ietf:params:oauth:grant-type:device_code',
      device_code: device.device_code,
    })
    expect(tokens.access_token).toEqual(expect.any(String))

    // verification_uri_complete: the code comes with the start.
    const next = await post(h.emu.pingOne.deviceAuthorizationEndpoint, { client_id: P1_DEVICE_CLIENT_ID })
    const direct = await p1.startDeviceVerification({ devicePathId: 'tv', userCode: next.user_code })
    expectStatus(direct, 'USERNAME_PASSWORD_REQUIRED')
  })
})
