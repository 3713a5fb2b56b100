import { describe, expect, it } from 'vitest'
import { createEmulator } from '../../src/index.js'
import { act, authorize, read, resume } from './helpers.js'

const PASSWORD = '2FederateM0re'
const STRONG = 'Matr1x-Reloaded!'

describe('user.register and VERIFICATION_CODE_REQUIRED', () => {
  it('registers, e-mails an 8-character code, verifies it, and the new user can sign on later', async () => {
    const emu = createEmulator()
    const started = await authorize(emu, { acr_values: 'Self_Service' })
    expect(started.body.status).toBe('USERNAME_PASSWORD_REQUIRED')
    expect(Object.keys(started.body._links).sort()).toEqual([
      'password.forgot',
      'self',
      'session.reset',
      'signOnPage',
      'user.acceptInvite',
      'user.register',
      'usernamePassword.check',
    ])
    expect(started.body._embedded.passwordPolicy.name).toBe('Standard')
    expect(started.body._embedded.socialProviders).toEqual([
      {
        id: emu.config.pingOne.identityProviders[0]?.id,
        type: 'GOOGLE',
        name: 'Google',
        _links: { authenticate: { href: expect.stringContaining('/rp/authenticate?providerId=') } },
      },
    ])
    const flow = started.body
    const taken = await act(emu, flow, 'user.register', {
      username: 'joe',
      email: 'j@example.com',
      password: STRONG,
    })
    expect(taken.body.details[0]).toMatchObject({ code: 'UNIQUENESS_VIOLATION', target: 'username' })
    const weak = await act(emu, flow, 'user.register', {
      username: 'neo',
      email: 'neo@example.com',
      password: 'neo12345',
    })
    expect(weak.body.details[0].innerError.unsatisfiedRequirements).toContain('excludesProfileData')
    const email = await act(emu, flow, 'user.register', {
      username: 'neo',
      email: 'not-an-address',
      password: STRONG,
    })
    expect(email.body.details[0].target).toBe('email')

    const registered = await act(emu, flow, 'user.register', {
      username: 'neo',
      email: 'neo@example.com',
      password: STRONG,
    })
    expect(registered.body.status).toBe('VERIFICATION_CODE_REQUIRED')
    expect(Object.keys(registered.body._links).sort()).toEqual([
      'self',
      'signOnPage',
      'user.sendVerificationCode',
      'user.verify',
    ])
    const first = emu.outbox.last('neo')
    expect(first).toMatchObject({ channel: 'EMAIL', purpose: 'verification', to: 'neo@example.com' })
    expect(first?.otp).toMatch(/^[A-Z0-9]{8}$/)
    const resent = await act(emu, flow, 'user.sendVerificationCode')
    expect(resent.body.status).toBe('VERIFICATION_CODE_REQUIRED')
    const second = emu.outbox.last('neo')?.otp
    expect(second).not.toBe(first?.otp)
    const stale = await act(emu, flow, 'user.verify', { verificationCode: first?.otp })
    expect(stale.body.details[0]).toMatchObject({ code: 'INVALID_VALUE', target: 'verificationCode' })
    const verified = await act(emu, flow, 'user.verify', { verificationCode: second?.toLowerCase() })
    expect(verified.body.status).toBe('COMPLETED')
    expect((await resume(emu, verified.body, registered.cookie)).status).toBe(200)

    const later = (await authorize(emu, {})).body
    const signed = await act(emu, later, 'usernamePassword.check', { username: 'neo', password: STRONG })
    expect(signed.body.status).toBe('COMPLETED')
  })

  it('an unverified user verifies after the password, before the next step', async () => {
    const emu = createEmulator()
    const flow = (await authorize(emu, { acr_values: 'Multi_Factor' })).body
    const verifying = await act(emu, flow, 'usernamePassword.check', { username: 'vic', password: PASSWORD })
    expect(verifying.body.status).toBe('VERIFICATION_CODE_REQUIRED')
    const code = emu.outbox.last('vic')
    expect(code?.purpose).toBe('verification')
    const next = await act(emu, flow, 'user.verify', { verificationCode: code?.otp })
    expect(next.body.status).toBe('OTP_REQUIRED')
  })

  it('registration is not offered by a policy without it', async () => {
    const emu = createEmulator()
    const flow = (await authorize(emu, {})).body
    expect(flow._links['user.register']).toBeUndefined()
    const refused = await act(emu, flow, 'user.register', {
      username: 'x',
      email: 'x@example.com',
      password: STRONG,
    })
    expect(refused.status).toBe(400)
    expect(refused.body.code).toBe('INVALID_REQUEST')
  })
})

describe('user.acceptInvite', () => {
  it('an invited user sets a password that meets the policy and is signed on', async () => {
    const emu = createEmulator()
    const flow = (await authorize(emu, { acr_values: 'Self_Service' })).body
    const unknown = await act(emu, flow, 'user.acceptInvite', {
      inviteCode: 'WRONG',
      password: STRONG,
      accept: true,
    })
    expect(unknown.body.details[0].target).toBe('inviteCode')
    const weak = await act(emu, flow, 'user.acceptInvite', {
      inviteCode: 'INVITE-7Q2M9X',
      password: 'ivy',
      accept: true,
    })
    expect(weak.body.details[0]).toMatchObject({
      target: 'password',
      innerError: { unsatisfiedRequirements: expect.any(Array) },
    })
    const accepted = await act(emu, flow, 'user.acceptInvite', {
      inviteCode: 'INVITE-7Q2M9X',
      password: STRONG,
      accept: true,
    })
    expect(accepted.body.status).toBe('COMPLETED')
    expect(accepted.body._embedded.user.username).toBe('ivy')
    // The invitation is used up.
    const again = (await authorize(emu, { acr_values: 'Self_Service' })).body
    const used = await act(emu, again, 'user.acceptInvite', {
      inviteCode: 'INVITE-7Q2M9X',
      password: STRONG,
      accept: true,
    })
    expect(used.status).toBe(400)
  })

  it('declining the invitation fails the flow', async () => {
    const emu = createEmulator()
    const flow = (await authorize(emu, { acr_values: 'Self_Service' })).body
    const declined = await act(emu, flow, 'user.acceptInvite', { inviteCode: 'INVITE-7Q2M9X', accept: false })
    expect(declined.body.status).toBe('FAILED')
    expect(declined.body.error.code).toBe('INVITATION_DECLINED')
    expect((await read(emu, flow)).body._links).not.toHaveProperty('user.acceptInvite')
  })
})
