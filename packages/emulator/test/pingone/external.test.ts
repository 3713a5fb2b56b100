import { describe, expect, it } from 'vitest'
import { createEmulator, P1_CORPORATE_IDP_ID, P1_GOOGLE_IDP_ID } from '../../src/index.js'
import { act, authorize, loginHintToken, read, resume } from './helpers.js'

const PASSWORD = '2FederateM0re'

describe('EXTERNAL_AUTHENTICATION_REQUIRED (IDENTITY_PROVIDER policy action)', () => {
  it('waits for the browser at the provider; a linked account signs its user on', async () => {
    const emu = createEmulator()
    const started = await authorize(emu, { acr_values: 'External_IdP' })
    expect(started.body.status).toBe('EXTERNAL_AUTHENTICATION_REQUIRED')
    // Nothing to submit: the browser goes to the provider's page, the client re-reads the flow.
    expect(Object.keys(started.body._links).sort()).toEqual(['self', 'signOnPage'])
    const provider = started.body._embedded.identityProvider
    expect(provider).toMatchObject({ id: P1_CORPORATE_IDP_ID, type: 'OPENID_CONNECT', name: 'Corporate IdP' })
    expect(new URL(provider._links.authenticate.href).searchParams.get('flowId')).toBe(started.body.id)
    expect((await read(emu, started.body)).body.status).toBe('EXTERNAL_AUTHENTICATION_REQUIRED')
    expect(
      emu.pingOneBrowser.externalSignIn(started.body.id, { providerId: P1_GOOGLE_IDP_ID, subject: 'x' }),
    ).toBe(false)
    expect(emu.pingOneBrowser.externalSignIn(started.body.id, { subject: 'joe@corp.example' })).toBe(true)
    const done = await read(emu, started.body)
    expect(done.body.status).toBe('COMPLETED')
    expect(done.body._embedded.user.username).toBe('joe')
    const resumed = await resume(emu, done.body, done.cookie)
    expect(resumed.body.authorizeResponse.code).toEqual(expect.any(String))
  })

  it('an unknown account is confirmed with user.confirm and becomes a user', async () => {
    const emu = createEmulator()
    const flow = (await authorize(emu, { acr_values: 'External_IdP' })).body
    emu.pingOneBrowser.externalSignIn(flow.id, {
      subject: 'sam@corp.example',
      email: 'sam@corp.example',
      givenName: 'Sam',
      familyName: 'Smith',
    })
    const confirming = await read(emu, flow)
    expect(confirming.body.status).toBe('ACCOUNT_CONFIRMATION_REQUIRED')
    expect(Object.keys(confirming.body._links).sort()).toEqual(['self', 'signOnPage', 'user.confirm'])
    expect(confirming.body._embedded.user).toEqual({
      username: 'sam@corp.example',
      email: 'sam@corp.example',
      name: { given: 'Sam', family: 'Smith' },
    })
    const taken = await act(emu, flow, 'user.confirm', { username: 'joe' })
    expect(taken.body.details[0]).toMatchObject({ code: 'UNIQUENESS_VIOLATION', target: 'username' })
    const done = await act(emu, flow, 'user.confirm', { user: { username: 'sam' } })
    expect(done.body.status).toBe('COMPLETED')
    expect(done.body._embedded.user.username).toBe('sam')
    // The account is linked now: the next sign-on there needs no confirmation.
    const next = (await authorize(emu, { acr_values: 'External_IdP' })).body
    emu.pingOneBrowser.externalSignIn(next.id, { subject: 'sam@corp.example' })
    expect((await read(emu, next)).body.status).toBe('COMPLETED')
  })

  it('with a known user, an unknown account is linked by the user’s password (ACCOUNT_LINKING_REQUIRED)', async () => {
    const emu = createEmulator()
    const started = await authorize(emu, {
      acr_values: 'External_IdP',
      login_hint_token: await loginHintToken(emu, 'ann'),
    })
    emu.pingOneBrowser.externalSignIn(started.body.id, { subject: 'ann@corp.example' })
    const linking = await read(emu, started.body)
    expect(linking.body.status).toBe('ACCOUNT_LINKING_REQUIRED')
    expect(Object.keys(linking.body._links).sort()).toEqual(['self', 'signOnPage', 'usernamePassword.check'])
    expect(linking.body._embedded.identityProvider.id).toBe(P1_CORPORATE_IDP_ID)
    const wrong = await act(emu, started.body, 'usernamePassword.check', { username: 'ann', password: 'x' })
    expect(wrong.body.details[0].code).toBe('INVALID_CREDENTIALS')
    const linked = await act(emu, started.body, 'usernamePassword.check', {
      username: 'ann',
      password: PASSWORD,
    })
    expect(linked.body.status).toBe('COMPLETED')
    const again = (await authorize(emu, { acr_values: 'External_IdP' })).body
    emu.pingOneBrowser.externalSignIn(again.id, { subject: 'ann@corp.example' })
    expect((await read(emu, again)).body._embedded.user.username).toBe('ann')
  })

  it('an account of another user than the login_hint_token’s fails the flow', async () => {
    const emu = createEmulator()
    const started = await authorize(emu, {
      acr_values: 'External_IdP',
      login_hint_token: await loginHintToken(emu, 'ann'),
    })
    emu.pingOneBrowser.externalSignIn(started.body.id, { subject: 'joe@corp.example' })
    const failed = await read(emu, started.body)
    expect(failed.body.status).toBe('FAILED')
    expect(failed.body.error.code).toBe('IDENTITY_MISMATCH')
  })

  it('session.reset returns to the provider step', async () => {
    const emu = createEmulator()
    const flow = (await authorize(emu, { acr_values: 'External_IdP' })).body
    emu.pingOneBrowser.externalSignIn(flow.id, { subject: 'new@corp.example' })
    expect((await read(emu, flow)).body.status).toBe('ACCOUNT_CONFIRMATION_REQUIRED')
    expect((await act(emu, flow, 'session.reset')).body.status).toBe('EXTERNAL_AUTHENTICATION_REQUIRED')
  })
})

describe('social providers on the sign-on form', () => {
  it('a linked social account signs on from USERNAME_PASSWORD_REQUIRED', async () => {
    const emu = createEmulator()
    const flow = (await authorize(emu, { acr_values: 'Self_Service' })).body
    expect(emu.pingOneBrowser.externalSignIn(flow.id, { subject: 'google-oauth2|joe' })).toBe(false)
    expect(
      emu.pingOneBrowser.externalSignIn(flow.id, {
        providerId: P1_GOOGLE_IDP_ID,
        subject: 'google-oauth2|joe',
      }),
    ).toBe(true)
    const done = await read(emu, flow)
    expect(done.body.status).toBe('COMPLETED')
    expect(done.body._embedded.user.username).toBe('joe')
  })

  it('an unknown social account registers after confirmation when the form allows registration', async () => {
    const emu = createEmulator()
    const flow = (await authorize(emu, { acr_values: 'Self_Service' })).body
    emu.pingOneBrowser.externalSignIn(flow.id, {
      providerId: P1_GOOGLE_IDP_ID,
      subject: 'google-oauth2|kim',
      email: 'kim@example.com',
    })
    expect((await read(emu, flow)).body.status).toBe('ACCOUNT_CONFIRMATION_REQUIRED')
    const done = await act(emu, flow, 'user.confirm')
    expect(done.body.status).toBe('COMPLETED')
    expect(done.body._embedded.user.username).toBe('kim@example.com')
  })

  it('a provider the form does not offer is not accepted', async () => {
    const emu = createEmulator()
    const flow = (await authorize(emu, {})).body
    expect(
      emu.pingOneBrowser.externalSignIn(flow.id, {
        providerId: P1_GOOGLE_IDP_ID,
        subject: 'google-oauth2|joe',
      }),
    ).toBe(false)
    expect(emu.pingOneBrowser.externalSignIn('unknown', { subject: 'x' })).toBe(false)
  })
})
