import { describe, expect, it } from 'vitest'
import { createEmulator } from '../../src/index.js'
import { act, authorize, loginHintToken, read, resume } from './helpers.js'

async function stepUp(emu: ReturnType<typeof createEmulator>, username = 'joe') {
  return authorize(emu, {
    acr_values: 'Step_Up',
    login_hint_token: await loginHintToken(emu, username),
    state: 'xyz',
  })
}

describe('AGREEMENT_CONSENT_REQUIRED and PROFILE_DATA_REQUIRED in a step-up', () => {
  it('consents, fills the profile, passes MFA; a second step-up asks neither again', async () => {
    const emu = createEmulator()
    const started = await stepUp(emu)
    expect(started.body.status).toBe('AGREEMENT_CONSENT_REQUIRED')
    expect(Object.keys(started.body._links).sort()).toEqual(['self', 'signOnPage', 'user.consent'])
    expect(started.body._embedded.agreement).toEqual({
      id: emu.config.pingOne.agreements[0]?.id,
      name: 'Terms of Service',
      language: 'en',
      text: 'By continuing you accept the Terms of Service of Redirectless Bank.',
    })
    const flow = started.body
    expect((await act(emu, flow, 'user.consent', { accept: 'yes' })).body.details[0].target).toBe('accept')
    const profile = await act(emu, flow, 'user.consent', { accept: true })
    expect(profile.body.status).toBe('PROFILE_DATA_REQUIRED')
    expect(profile.body._embedded.profileData).toEqual({
      promptText: 'Help us keep your account secure.',
      attributes: [
        { name: 'mobilePhone', required: true },
        { name: 'nickname', required: false },
      ],
    })
    const missing = await act(emu, flow, 'user.update', { nickname: 'Jo' })
    expect(missing.body.details[0]).toMatchObject({ code: 'REQUIRED_VALUE', target: 'mobilePhone' })
    const wrongType = await act(emu, flow, 'user.update', { mobilePhone: 5555550101 })
    expect(wrongType.body.details[0].target).toBe('mobilePhone')
    // The body may also wrap the attributes in `user`.
    const mfa = await act(emu, flow, 'user.update', { user: { mobilePhone: '+1 555 555 0101' } })
    expect(mfa.body.status).toBe('OTP_REQUIRED')
    const done = await act(emu, flow, 'otp.check', { otp: emu.outbox.last('joe')?.otp })
    expect(done.body.status).toBe('COMPLETED')

    const again = await stepUp(emu)
    expect(again.body.status).toBe('OTP_REQUIRED')
    // The optional nickname is asked again once promptIntervalSeconds (90 days) has passed.
    emu.clock.advance(90 * 24 * 3600_000)
    expect((await stepUp(emu)).body.status).toBe('PROFILE_DATA_REQUIRED')
  })

  it('optional attributes may stay empty; profiling asks once per flow', async () => {
    const emu = createEmulator({
      pingOne: {
        users: [
          {
            ...emu0().config.pingOne.users[0]!,
            attributes: { mobilePhone: '+15555550101' },
          },
        ],
      },
    })
    const started = await stepUp(emu)
    await act(emu, started.body, 'user.consent', { accept: true })
    // mobilePhone is known, nickname optional and missing: asked once.
    expect((await read(emu, started.body)).body.status).toBe('PROFILE_DATA_REQUIRED')
    const next = await act(emu, started.body, 'user.update', {})
    expect(next.body.status).toBe('OTP_REQUIRED')
  })

  it('declining fails the flow; resuming it answers access_denied with the reason', async () => {
    const emu = createEmulator()
    const started = await stepUp(emu)
    const declined = await act(emu, started.body, 'user.consent', { accept: false })
    expect(declined.body.status).toBe('FAILED')
    expect(declined.body.error).toEqual({
      code: 'AGREEMENT_DECLINED',
      message: 'The user declined the agreement.',
    })
    expect(Object.keys(declined.body._links).sort()).toEqual(['self', 'signOnPage'])
    const resumed = await resume(emu, declined.body, undefined)
    expect(resumed.status).toBe(200)
    expect(resumed.body.status).toBe('FAILED')
    expect(resumed.body.authorizeResponse).toEqual({
      error: 'access_denied',
      error_description: 'The user declined the agreement. (AGREEMENT_DECLINED)',
      state: 'xyz',
    })
  })

  it("resumeFailedFlow: 'refuse' answers 400 as for any status but COMPLETED", async () => {
    const emu = createEmulator({ pingOne: { resumeFailedFlow: 'refuse' } })
    const started = await stepUp(emu)
    const declined = await act(emu, started.body, 'user.consent', { accept: false })
    const resumed = await resume(emu, declined.body, started.cookie)
    expect(resumed.status).toBe(400)
    expect(resumed.body.code).toBe('INVALID_REQUEST')
  })

  it('disableDeclineOption refuses a refusal', async () => {
    const base = emu0().config.pingOne
    const emu = createEmulator({
      pingOne: {
        signOnPolicies: [
          {
            id: '51600000-0000-4000-8000-0000000000aa',
            name: 'Terms_Only',
            steps: [
              { type: 'AGREEMENT', agreementId: base.agreements[0]?.id ?? '', disableDeclineOption: true },
            ],
          },
        ],
        applications: base.applications.map((a) => ({ ...a, signOnPolicies: ['Terms_Only'] })),
      },
    })
    const started = await authorize(emu, {
      acr_values: 'Terms_Only',
      login_hint_token: await loginHintToken(emu, 'joe'),
    })
    expect(started.body._embedded.agreement.declineOptionDisabled).toBe(true)
    const refused = await act(emu, started.body, 'user.consent', { accept: false })
    expect(refused.status).toBe(400)
    const accepted = await act(emu, started.body, 'user.consent', { accept: true })
    expect(accepted.body.status).toBe('COMPLETED')
  })
})

/** A throwaway emulator, for its default config. */
function emu0() {
  return createEmulator()
}
