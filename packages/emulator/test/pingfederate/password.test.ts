import { describe, expect, it } from 'vitest'
import { browser, DEMO, demoParams, emulator, self } from './helpers.js'

async function flowFor(emu: ReturnType<typeof emulator>) {
  const b = browser(emu)
  const first = await b.authorize((await demoParams()).params)
  return { b, href: self(first) }
}

describe('lockout (user lock)', () => {
  it('locks after 3 failures: even the right password is refused, until the period passes', async () => {
    const emu = emulator()
    const { b, href } = await flowFor(emu)
    for (let i = 0; i < 3; i++) {
      const wrong = await b.act(href, 'checkUsernamePassword', { username: 'lock', password: 'bad' })
      expect(wrong.body.details[0].code).toBe('CREDENTIAL_VALIDATION_FAILED')
    }
    const right = await b.act(href, 'checkUsernamePassword', { username: 'lock', password: DEMO.password })
    expect(right.res.status).toBe(400)
    expect(right.body.details[0].code).toBe('CREDENTIAL_VALIDATION_FAILED')
    // The lock is on the account, not the flow.
    const other = await flowFor(emu)
    expect(
      (await other.b.act(other.href, 'checkUsernamePassword', { username: 'lock', password: DEMO.password }))
        .res.status,
    ).toBe(400)

    emu.clock.advance(61_000)
    const unlocked = await b.act(href, 'checkUsernamePassword', { username: 'lock', password: DEMO.password })
    expect(unlocked.body.status).toBe('COMPLETED')
  })

  it('a success resets the counter; users not lockable never lock', async () => {
    const emu = emulator()
    const { b, href } = await flowFor(emu)
    for (let i = 0; i < 2; i++)
      await b.act(href, 'checkUsernamePassword', { username: 'lock', password: 'bad' })
    expect(
      (await b.act(href, 'checkUsernamePassword', { username: 'lock', password: DEMO.password })).body.status,
    ).toBe('COMPLETED')
    const again = await flowFor(emu)
    for (let i = 0; i < 2; i++) {
      await again.b.act(again.href, 'checkUsernamePassword', { username: 'lock', password: 'bad' })
    }
    const joe = await flowFor(emu)
    for (let i = 0; i < 5; i++)
      await joe.b.act(joe.href, 'checkUsernamePassword', { username: 'joe', password: 'bad' })
    expect(
      (await joe.b.act(joe.href, 'checkUsernamePassword', { username: 'joe', password: DEMO.password })).body
        .status,
    ).toBe('COMPLETED')
  })

  it("answer 'failed' ends the flow in FAILED ACCOUNT_LOCKED_OUT; the count is configurable", async () => {
    const emu = emulator({ lockout: { answer: 'failed', maxFailedAttempts: 2, periodSeconds: 10 } })
    const { b, href } = await flowFor(emu)
    expect(
      (await b.act(href, 'checkUsernamePassword', { username: 'lock', password: 'bad' })).res.status,
    ).toBe(400)
    const locked = await b.act(href, 'checkUsernamePassword', { username: 'lock', password: 'bad' })
    expect(locked.res.status).toBe(200)
    expect(locked.body).toMatchObject({
      status: 'FAILED',
      code: 'ACCOUNT_LOCKED_OUT',
      userMessage: expect.any(String),
    })
    expect((await b.read(href)).res.status).toBe(404)

    const next = await flowFor(emu)
    const still = await next.b.act(next.href, 'checkUsernamePassword', {
      username: 'lock',
      password: DEMO.password,
    })
    expect(still.body.code).toBe('ACCOUNT_LOCKED_OUT')
    emu.clock.advance(11_000)
    const later = await flowFor(emu)
    expect(
      (await later.b.act(later.href, 'checkUsernamePassword', { username: 'lock', password: DEMO.password }))
        .body.status,
    ).toBe('COMPLETED')
  })
})

describe('must change password (user carl)', () => {
  it('MUST_CHANGE_PASSWORD → checkNewPassword → SUCCESSFUL_PASSWORD_CHANGE → continueAuthentication → COMPLETED', async () => {
    const emu = emulator()
    const { b, href } = await flowFor(emu)
    const must = await b.act(href, 'checkUsernamePassword', { username: 'carl', password: DEMO.password })
    expect(must.body).toMatchObject({ status: 'MUST_CHANGE_PASSWORD', username: 'carl' })
    expect(Object.keys(must.body._links).sort()).toEqual(['cancelPasswordChange', 'checkNewPassword', 'self'])

    const missing = await b.act(href, 'checkNewPassword', { username: 'carl' })
    expect(missing.body.details).toEqual([
      expect.objectContaining({ code: 'FIELD_REQUIRED', target: 'newPassword' }),
    ])
    const weak = await b.act(href, 'checkNewPassword', { username: 'carl', newPassword: 'short' })
    expect(weak.body.details[0]).toMatchObject({
      code: 'PASSWORD_CHANGE_ERROR',
      failedValidators: [{ userMessage: expect.stringMatching(/8 characters/) }],
      satisfiedValidators: [{ userMessage: expect.any(String) }],
    })
    const same = await b.act(href, 'checkNewPassword', { username: 'carl', newPassword: DEMO.password })
    expect(same.body.details[0].failedValidators).toEqual([
      { userMessage: 'Must not be the current password.' },
    ])
    const badCurrent = await b.act(href, 'checkNewPassword', {
      username: 'carl',
      existingPassword: 'wrong',
      newPassword: 'N3wPassword!',
    })
    expect(badCurrent.body.details[0]).toMatchObject({
      code: 'CREDENTIAL_VALIDATION_FAILED',
      target: 'existingPassword',
    })

    const changed = await b.act(href, 'checkNewPassword', {
      username: 'carl',
      existingPassword: DEMO.password,
      newPassword: 'N3wPassword!',
    })
    expect(changed.body.status).toBe('SUCCESSFUL_PASSWORD_CHANGE')
    expect(Object.keys(changed.body._links).sort()).toEqual(['continueAuthentication', 'self'])
    const done = await b.act(href, 'continueAuthentication')
    expect(done.body.status).toBe('COMPLETED')

    // The new password sticks and is no longer "must change".
    const next = await flowFor(emu)
    const old = await next.b.act(next.href, 'checkUsernamePassword', {
      username: 'carl',
      password: DEMO.password,
    })
    expect(old.body.details[0].code).toBe('CREDENTIAL_VALIDATION_FAILED')
    expect(
      (await next.b.act(next.href, 'checkUsernamePassword', { username: 'carl', password: 'N3wPassword!' }))
        .body.status,
    ).toBe('COMPLETED')
  })

  it('continues into push MFA when configured', async () => {
    const emu = emulator({ mfa: { type: 'push', approveAfterPolls: 1 } })
    const { b, href } = await flowFor(emu)
    await b.act(href, 'checkUsernamePassword', { username: 'carl', password: DEMO.password })
    await b.act(href, 'checkNewPassword', { username: 'carl', newPassword: 'N3wPassword!' })
    expect((await b.act(href, 'continueAuthentication')).body.status).toBe('PUSH_CONFIRMATION_WAITING')
  })

  it('cancelPasswordChange ends in CANCELED with canceledOperation PASSWORD_CHANGE', async () => {
    const { b, href } = await flowFor(emulator())
    await b.act(href, 'checkUsernamePassword', { username: 'carl', password: DEMO.password })
    const canceled = await b.act(href, 'cancelPasswordChange')
    expect(canceled.body).toEqual({
      id: expect.any(String),
      status: 'CANCELED',
      canceledOperation: 'PASSWORD_CHANGE',
      _links: { self: { href } },
    })
    expect((await b.read(href)).res.status).toBe(404)
  })
})
