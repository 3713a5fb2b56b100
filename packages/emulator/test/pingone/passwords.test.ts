import { describe, expect, it } from 'vitest'
import { createEmulator } from '../../src/index.js'
import { act, authorize, loginHintToken, read, resume } from './helpers.js'

const PASSWORD = '2FederateM0re'
const STRONG = 'Fresh-Start-42'

describe('MUST_CHANGE_PASSWORD and PASSWORD_EXPIRED: password.reset', () => {
  it.each([
    ['pat', 'MUST_CHANGE_PASSWORD'],
    ['eve', 'PASSWORD_EXPIRED'],
  ] as const)(
    '%s signs on into %s, changes the password under the policy, and goes on',
    async (username, status) => {
      const emu = createEmulator()
      const flow = (await authorize(emu, { acr_values: 'Multi_Factor' })).body
      const changing = await act(emu, flow, 'usernamePassword.check', { username, password: PASSWORD })
      expect(changing.body.status).toBe(status)
      expect(Object.keys(changing.body._links).sort()).toEqual(['password.reset', 'self', 'signOnPage'])
      expect(changing.body._embedded.passwordPolicy).toMatchObject({
        name: 'Standard',
        length: { min: 8, max: 255 },
        minCharacters: { '0123456789': 1 },
      })
      const wrong = await act(emu, flow, 'password.reset', { currentPassword: 'nope', newPassword: STRONG })
      expect(wrong.status).toBe(400)
      expect(wrong.body.details[0]).toMatchObject({ target: 'currentPassword' })
      const weak = await act(emu, flow, 'password.reset', { currentPassword: PASSWORD, newPassword: 'aaaa' })
      expect(weak.status).toBe(400)
      expect(weak.body).toMatchObject({
        code: 'INVALID_DATA',
        details: [
          {
            code: 'INVALID_VALUE',
            target: 'newPassword',
            innerError: {
              unsatisfiedRequirements: [
                'length',
                'minCharacters',
                'maxRepeatedCharacters',
                'minUniqueCharacters',
              ],
            },
          },
        ],
      })
      const same = await act(emu, flow, 'password.reset', {
        currentPassword: PASSWORD,
        newPassword: PASSWORD,
      })
      expect(same.body.details[0].innerError.unsatisfiedRequirements).toEqual([
        'minCharacters',
        'notSimilarToCurrent',
      ])
      expect((await read(emu, flow)).body.status).toBe(status)
      const reset = await act(emu, flow, 'password.reset', { currentPassword: PASSWORD, newPassword: STRONG })
      expect(reset.body.status).toBe('OTP_REQUIRED')
      // The new password is the password now, and the status is OK: no second change.
      const again = (await authorize(emu, { acr_values: 'Single_Factor' })).body
      const old = await act(emu, again, 'usernamePassword.check', { username, password: PASSWORD })
      expect(old.body.details[0].code).toBe('INVALID_CREDENTIALS')
      const fresh = await act(emu, again, 'usernamePassword.check', { username, password: STRONG })
      expect(fresh.body.status).toBe('COMPLETED')
    },
  )

  it('refuses profile data, common passwords and the history', async () => {
    const emu = createEmulator()
    const flow = (await authorize(emu, { acr_values: 'Single_Factor' })).body
    await act(emu, flow, 'usernamePassword.check', { username: 'pat', password: PASSWORD })
    const profile = await act(emu, flow, 'password.reset', {
      currentPassword: PASSWORD,
      newPassword: 'Pat-Change-1',
    })
    expect(profile.body.details[0].innerError.unsatisfiedRequirements).toEqual(['excludesProfileData'])
    const common = await act(emu, flow, 'password.reset', {
      currentPassword: PASSWORD,
      newPassword: 'P@ssw0rd',
    })
    expect(common.body.details[0].innerError.unsatisfiedRequirements).toContain('excludesCommonlyUsed')
  })

  it('a step-up with a login_hint_token that meets a password change finishes the login', async () => {
    const emu = createEmulator()
    const started = await authorize(emu, {
      acr_values: 'Multi_Factor',
      login_hint_token: await loginHintToken(emu, 'pat'),
    })
    expect(started.body.status).toBe('PASSWORD_REQUIRED')
    await act(emu, started.body, 'usernamePassword.check', { username: 'pat', password: PASSWORD })
    await act(emu, started.body, 'password.reset', { currentPassword: PASSWORD, newPassword: STRONG })
    const done = await act(emu, started.body, 'otp.check', { otp: emu.outbox.last('pat')?.otp })
    expect(done.body.status).toBe('COMPLETED')
    expect((await resume(emu, done.body, started.cookie)).body.authorizeResponse.code).toEqual(
      expect.any(String),
    )
  })
})

describe('password lockout: PASSWORD_LOCKED_OUT', () => {
  it('locks after passwordLockout.failureCount wrong passwords, even for the right one, until it runs out', async () => {
    const emu = createEmulator({ pingOne: { passwordLockout: { failureCount: 3, lockoutSeconds: 120 } } })
    const flow = (await authorize(emu, {})).body
    const wrong = () => act(emu, flow, 'usernamePassword.check', { username: 'lock', password: 'wrong' })
    expect((await wrong()).body.details[0].code).toBe('INVALID_CREDENTIALS')
    expect((await wrong()).body.details[0].code).toBe('INVALID_CREDENTIALS')
    const locked = await wrong()
    expect(locked.status).toBe(400)
    expect(locked.body).toMatchObject({
      code: 'INVALID_DATA',
      details: [{ code: 'PASSWORD_LOCKED_OUT', target: 'password', innerError: { secondsUntilUnlock: 120 } }],
    })
    emu.clock.advance(30_000)
    const still = await act(emu, flow, 'usernamePassword.check', { username: 'lock', password: PASSWORD })
    expect(still.body.details[0]).toMatchObject({
      code: 'PASSWORD_LOCKED_OUT',
      innerError: { secondsUntilUnlock: 90 },
    })
    expect((await read(emu, flow)).body.status).toBe('USERNAME_PASSWORD_REQUIRED')
    emu.clock.advance(90_000)
    const open = await act(emu, flow, 'usernamePassword.check', { username: 'lock', password: PASSWORD })
    expect(open.body.status).toBe('COMPLETED')
  })

  it('a right password resets the count; passwordLockout null never locks', async () => {
    const emu = createEmulator({ pingOne: { passwordLockout: { failureCount: 2, lockoutSeconds: 60 } } })
    const flow = (await authorize(emu, {})).body
    await act(emu, flow, 'usernamePassword.check', { username: 'lock', password: 'wrong' })
    const ok = await act(emu, flow, 'usernamePassword.check', { username: 'lock', password: PASSWORD })
    expect(ok.body.status).toBe('COMPLETED')
    const next = (await authorize(emu, {})).body
    expect(
      (await act(emu, next, 'usernamePassword.check', { username: 'lock', password: 'x' })).body.details[0]
        .code,
    ).toBe('INVALID_CREDENTIALS')

    const lenient = createEmulator({ pingOne: { passwordLockout: null } })
    const open = (await authorize(lenient, {})).body
    for (let i = 0; i < 8; i++) {
      const refused = await act(lenient, open, 'usernamePassword.check', { username: 'lock', password: 'x' })
      expect(refused.body.details[0].code).toBe('INVALID_CREDENTIALS')
    }
  })
})

describe('password.forgot for an unknown user', () => {
  it('answers 404 NOT_FOUND naming the username, and leaves the flow where it was', async () => {
    const emu = createEmulator()
    const flow = (await authorize(emu, {})).body
    const unknown = await act(emu, flow, 'password.forgot', { username: 'nobody' })
    expect(unknown.status).toBe(404)
    expect(unknown.body).toMatchObject({ code: 'NOT_FOUND', details: [{ target: 'username' }] })
    expect((await read(emu, flow)).body.status).toBe('USERNAME_PASSWORD_REQUIRED')
    expect(emu.outbox.all()).toHaveLength(0)
  })

  it("passwordForgotUnknownUser: 'silent' answers as for a known user and sends nothing", async () => {
    const emu = createEmulator({ pingOne: { passwordForgotUnknownUser: 'silent' } })
    const flow = (await authorize(emu, {})).body
    const silent = await act(emu, flow, 'password.forgot', { username: 'nobody' })
    expect(silent.body.status).toBe('RECOVERY_CODE_REQUIRED')
    expect(emu.outbox.all()).toHaveLength(0)
    const refused = await act(emu, flow, 'password.recover', {
      recoveryCode: '12345678',
      newPassword: STRONG,
    })
    expect(refused.body.details[0].target).toBe('recoveryCode')
  })

  it('password.recover refuses a weak password with unsatisfiedRequirements', async () => {
    const emu = createEmulator()
    const flow = (await authorize(emu, {})).body
    const recovering = await act(emu, flow, 'password.forgot', { username: 'carl' })
    expect(recovering.body._embedded.passwordPolicy.name).toBe('Standard')
    const code = emu.outbox.last('carl')?.otp
    const weak = await act(emu, flow, 'password.recover', { recoveryCode: code, newPassword: 'short' })
    expect(weak.body.details[0]).toMatchObject({
      target: 'newPassword',
      innerError: { unsatisfiedRequirements: expect.arrayContaining(['length']) },
    })
    const done = await act(emu, flow, 'password.recover', { recoveryCode: code, newPassword: STRONG })
    expect(done.body.status).toBe('COMPLETED')
  })
})
