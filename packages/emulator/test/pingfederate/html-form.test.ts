import { describe, expect, it } from 'vitest'
import { defaultPingFederateConfig, type PfHtmlFormConfig } from '../../src/pingfederate/index.js'
import { browser, DEMO, demoParams, emulator, type Json, self } from './helpers.js'

const links = (body: Json) => Object.keys(body._links).sort()
const ALL: PfHtmlFormConfig = { passwordChange: true, accountRecovery: true, usernameRecovery: true }

async function start(htmlForm: PfHtmlFormConfig = ALL, extra: Parameters<typeof emulator>[0] = {}) {
  const emu = emulator({ htmlForm, ...extra })
  const b = browser(emu)
  const first = await b.authorize((await demoParams()).params)
  return { emu, b, first, href: self(first) }
}

describe('HTML Form Adapter: the sign-on form offers what the policy enables (contract §3.2)', () => {
  it('offers nothing more by default', async () => {
    const { first } = await start({})
    expect(links(first.body)).toEqual(['checkUsernamePassword', 'self'])
  })

  it('offers the password change, account and username recovery links when enabled', async () => {
    const { first } = await start()
    expect(links(first.body)).toEqual([
      'checkUsernamePassword',
      'initiateAccountRecovery',
      'initiatePasswordChange',
      'recoverUsername',
      'self',
    ])
  })
})

describe('password change started from the sign-on form', () => {
  it('CURRENT_CREDENTIALS_REQUIRED → NEW_PASSWORD_REQUIRED → SUCCESSFUL_PASSWORD_CHANGE → COMPLETED', async () => {
    const { b, href } = await start()
    const current = await b.act(href, 'initiatePasswordChange')
    expect(current.body.status).toBe('CURRENT_CREDENTIALS_REQUIRED')
    expect(links(current.body)).toEqual(['cancelPasswordChange', 'checkCurrentCredentials', 'self'])
    const wrong = await b.act(href, 'checkCurrentCredentials', { username: 'ann', password: 'nope' })
    expect(wrong.body.details[0].code).toBe('CREDENTIAL_VALIDATION_FAILED')
    const choose = await b.act(href, 'checkCurrentCredentials', { username: 'ann', password: DEMO.password })
    expect(choose.body).toMatchObject({
      status: 'NEW_PASSWORD_REQUIRED',
      username: 'ann',
      existingPasswordRequired: false,
    })
    const weak = await b.act(href, 'checkNewPassword', { username: 'ann', newPassword: 'short' })
    expect(weak.body.details[0]).toMatchObject({
      code: 'PASSWORD_CHANGE_ERROR',
      failedValidators: expect.any(Array),
    })
    const changed = await b.act(href, 'checkNewPassword', { username: 'ann', newPassword: 'A-new-passw0rd' })
    expect(changed.body.status).toBe('SUCCESSFUL_PASSWORD_CHANGE')
    const done = await b.act(href, 'continueAuthentication')
    expect(done.body.status).toBe('COMPLETED')
  })

  it('cancelPasswordChange ends in CANCELED { PASSWORD_CHANGE }', async () => {
    const { b, href } = await start()
    await b.act(href, 'initiatePasswordChange')
    expect((await b.act(href, 'cancelPasswordChange')).body).toMatchObject({
      status: 'CANCELED',
      canceledOperation: 'PASSWORD_CHANGE',
    })
  })
})

describe('a password about to expire: NEW_PASSWORD_RECOMMENDED', () => {
  const users = defaultPingFederateConfig.users.map((u) =>
    u.username === 'joe' ? { ...u, passwordExpiresInDays: 2 } : u,
  )

  it('continueAuthentication signs on as is', async () => {
    const { b, href } = await start({}, { users })
    const soon = await b.act(href, 'checkUsernamePassword', { username: 'joe', password: DEMO.password })
    expect(soon.body).toMatchObject({ status: 'NEW_PASSWORD_RECOMMENDED', daysToExpire: 2 })
    expect(links(soon.body)).toEqual(['continueAuthentication', 'initiatePasswordChange', 'self'])
    expect((await b.act(href, 'continueAuthentication')).body.status).toBe('COMPLETED')
  })

  it('initiatePasswordChange goes straight to NEW_PASSWORD_REQUIRED (the password was just checked)', async () => {
    const { b, href } = await start({}, { users })
    await b.act(href, 'checkUsernamePassword', { username: 'joe', password: DEMO.password })
    expect((await b.act(href, 'initiatePasswordChange')).body.status).toBe('NEW_PASSWORD_REQUIRED')
    await b.act(href, 'checkNewPassword', { username: 'joe', newPassword: 'A-new-passw0rd' })
    expect((await b.act(href, 'continueAuthentication')).body.status).toBe('COMPLETED')
  })
})

describe('account recovery: password reset by an e-mailed code', () => {
  it('ACCOUNT_RECOVERY_USERNAME_REQUIRED → RECOVERY_CODE_REQUIRED → PASSWORD_RESET_REQUIRED → SUCCESSFUL_PASSWORD_RESET → sign on', async () => {
    const { emu, b, href } = await start()
    const which = await b.act(href, 'initiateAccountRecovery', { usernameHint: 'ann' })
    expect(which.body).toMatchObject({ status: 'ACCOUNT_RECOVERY_USERNAME_REQUIRED', username: 'ann' })
    expect(links(which.body)).toEqual([
      'cancelAccountRecovery',
      'checkAccountRecoveryUsername',
      'recoverUsername',
      'self',
    ])
    const code = await b.act(href, 'checkAccountRecoveryUsername', { username: 'ann' })
    expect(code.body.status).toBe('RECOVERY_CODE_REQUIRED')
    const mail = emu.outbox.last('ann')
    expect(mail).toMatchObject({
      channel: 'EMAIL',
      purpose: 'recovery',
      to: 'ann@example.com',
      otp: expect.stringMatching(/^\d{8}$/),
    })
    const wrong = await b.act(href, 'checkRecoveryCode', { recoveryCode: '1' })
    expect(wrong.body.details[0]).toMatchObject({ code: 'ACCOUNT_RECOVERY_ERROR', attemptsRemaining: 2 })
    expect((await b.act(href, 'checkRecoveryCode', { recoveryCode: mail?.otp })).body.status).toBe(
      'PASSWORD_RESET_REQUIRED',
    )
    const weak = await b.act(href, 'checkPasswordReset', { newPassword: 'x' })
    expect(weak.body.details[0].code).toBe('PASSWORD_CHANGE_ERROR')
    expect((await b.act(href, 'checkPasswordReset', { newPassword: 'Reset-passw0rd' })).body.status).toBe(
      'SUCCESSFUL_PASSWORD_RESET',
    )
    const signOn = await b.act(href, 'continueAuthentication')
    expect(signOn.body).toMatchObject({ status: 'USERNAME_PASSWORD_REQUIRED', username: 'ann' })
    const old = await b.act(href, 'checkUsernamePassword', { username: 'ann', password: DEMO.password })
    expect(old.res.status).toBe(400)
    const done = await b.act(href, 'checkUsernamePassword', { username: 'ann', password: 'Reset-passw0rd' })
    expect(done.body.status).toBe('COMPLETED')
  })

  it('an unknown account gets no code and no clue; too many wrong codes end in FAILED', async () => {
    const { emu, b, href } = await start({ ...ALL, maxRecoveryCodeAttempts: 2 })
    await b.act(href, 'initiateAccountRecovery')
    const code = await b.act(href, 'checkAccountRecoveryUsername', { username: 'nobody' })
    expect(code.body.status).toBe('RECOVERY_CODE_REQUIRED')
    expect(emu.outbox.all()).toEqual([])
    expect((await b.act(href, 'checkRecoveryCode', { recoveryCode: '12345678' })).res.status).toBe(400)
    expect((await b.act(href, 'checkRecoveryCode', { recoveryCode: '12345678' })).body).toMatchObject({
      status: 'FAILED',
      code: 'ACCOUNT_RECOVERY_ERROR',
    })
  })

  it('unlocks a locked account: SUCCESSFUL_ACCOUNT_UNLOCK, then sign on or reset the password too', async () => {
    const { emu, b, href } = await start()
    for (let i = 0; i < 3; i++)
      await b.act(href, 'checkUsernamePassword', { username: 'lock', password: 'wrong' })
    const locked = await b.act(href, 'checkUsernamePassword', { username: 'lock', password: DEMO.password })
    expect(locked.res.status).toBe(400)
    await b.act(href, 'initiateAccountRecovery')
    await b.act(href, 'checkAccountRecoveryUsername', { username: 'lock' })
    const unlocked = await b.act(href, 'checkRecoveryCode', { recoveryCode: emu.outbox.last('lock')?.otp })
    expect(unlocked.body.status).toBe('SUCCESSFUL_ACCOUNT_UNLOCK')
    expect(links(unlocked.body)).toEqual(['continueAccountRecovery', 'continueAuthentication', 'self'])
    expect((await b.act(href, 'continueAuthentication')).body.status).toBe('USERNAME_PASSWORD_REQUIRED')
    const done = await b.act(href, 'checkUsernamePassword', { username: 'lock', password: DEMO.password })
    expect(done.body.status).toBe('COMPLETED')
  })

  it('cancelAccountRecovery ends in CANCELED { ACCOUNT_RECOVERY }', async () => {
    const { b, href } = await start()
    await b.act(href, 'initiateAccountRecovery')
    expect((await b.act(href, 'cancelAccountRecovery')).body).toMatchObject({
      status: 'CANCELED',
      canceledOperation: 'ACCOUNT_RECOVERY',
    })
  })
})

describe('username recovery by e-mail', () => {
  it('USERNAME_RECOVERY_EMAIL_REQUIRED → USERNAME_RECOVERY_EMAIL_SENT (the username is in the outbox) → sign on', async () => {
    const { emu, b, href } = await start()
    const ask = await b.act(href, 'recoverUsername')
    expect(ask.body.status).toBe('USERNAME_RECOVERY_EMAIL_REQUIRED')
    expect(links(ask.body)).toEqual(['cancelUsernameRecovery', 'checkUsernameRecoveryEmail', 'self'])
    const sent = await b.act(href, 'checkUsernameRecoveryEmail', { email: 'ANN@example.com' })
    expect(sent.body.status).toBe('USERNAME_RECOVERY_EMAIL_SENT')
    expect(emu.outbox.last('ann')).toMatchObject({ purpose: 'recovery', text: 'Your username is ann.' })
    expect((await b.act(href, 'continueAuthentication')).body.status).toBe('USERNAME_PASSWORD_REQUIRED')
  })

  it('answers the same for an unknown address, and sends nothing', async () => {
    const { emu, b, href } = await start()
    await b.act(href, 'recoverUsername')
    expect((await b.act(href, 'checkUsernameRecoveryEmail', { email: 'who@example.com' })).body.status).toBe(
      'USERNAME_RECOVERY_EMAIL_SENT',
    )
    expect(emu.outbox.all()).toEqual([])
  })

  it('cancelUsernameRecovery ends in CANCELED { USERNAME_RECOVERY }', async () => {
    const { b, href } = await start()
    await b.act(href, 'recoverUsername')
    expect((await b.act(href, 'cancelUsernameRecovery')).body.canceledOperation).toBe('USERNAME_RECOVERY')
  })
})
