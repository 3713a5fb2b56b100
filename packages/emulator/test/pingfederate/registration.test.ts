import { describe, expect, it } from 'vitest'
import { browser, DEMO, demoParams, emulator, type Json, self } from './helpers.js'

const links = (body: Json) => Object.keys(body._links).sort()

async function toRegistration(extra: Record<string, string> = {}) {
  const emu = emulator({ htmlForm: { registration: true } })
  const b = browser(emu)
  const first = await b.authorize((await demoParams(extra)).params)
  return { emu, b, first, href: self(first) }
}

describe('registration (REGISTRATION_REQUIRED, contract §3.3)', () => {
  it('initiateRegistration shows the form; registerUser creates the account and signs it on', async () => {
    const { emu, b, first, href } = await toRegistration()
    expect(links(first.body)).toContain('initiateRegistration')
    const form = await b.act(href, 'initiateRegistration')
    expect(form.body).toMatchObject({
      status: 'REGISTRATION_REQUIRED',
      pluginTypeId: 'LocalIdentityEmulatorProfile',
    })
    expect(form.body.fields.map((f: Json) => [f.id, f.type, f.required])).toEqual([
      ['username', 'Text', true],
      ['email', 'Email', true],
      ['givenName', 'Text', false],
      ['familyName', 'Text', false],
    ])
    expect(links(form.body)).toEqual(['cancel', 'registerUser', 'self'])

    const missing = await b.act(href, 'registerUser', {
      password: 'A-good-passw0rd',
      fieldValues: { username: 'neo' },
    })
    expect(missing.body).toMatchObject({
      code: 'VALIDATION_ERROR',
      details: [{ code: 'FIELD_REQUIRED', target: 'fieldValues.email' }],
    })
    const weak = await b.act(href, 'registerUser', {
      password: 'x',
      fieldValues: { username: 'neo', email: 'neo@example.com' },
    })
    expect(weak.body.details[0]).toMatchObject({ target: 'password', failedValidators: expect.any(Array) })
    const taken = await b.act(href, 'registerUser', {
      password: 'A-good-passw0rd',
      fieldValues: { username: 'JOE', email: 'j2@example.com' },
    })
    expect(taken.res.status).toBe(400)
    expect(taken.body).toMatchObject({
      code: 'REGISTRATION_FAILED',
      details: [{ code: 'REGISTRATION_FAILED' }],
    })

    const done = await b.act(href, 'registerUser', {
      password: 'A-good-passw0rd',
      fieldValues: { username: 'neo', email: 'neo@example.com', givenName: 'Thomas', familyName: 'Anderson' },
    })
    expect(done.body.status).toBe('COMPLETED')
    // The new account signs on with its password from now on.
    const b2 = browser(emu)
    const again = await b2.authorize((await demoParams()).params)
    const signed = await b2.act(self(again), 'checkUsernamePassword', {
      username: 'neo',
      password: 'A-good-passw0rd',
    })
    expect(signed.body.status).toBe('COMPLETED')
  })

  it('prompt=create starts at REGISTRATION_REQUIRED; cancel goes back to the sign-on form', async () => {
    const { b, first, href } = await toRegistration({ prompt: 'create' })
    expect(first.body.status).toBe('REGISTRATION_REQUIRED')
    const back = await b.act(href, 'cancel')
    expect(back.body.status).toBe('USERNAME_PASSWORD_REQUIRED')
    expect(
      (await b.act(href, 'checkUsernamePassword', { username: 'joe', password: DEMO.password })).body.status,
    ).toBe('COMPLETED')
  })

  it('without registration enabled, prompt=create is the usual sign-on form', async () => {
    const b = browser(emulator())
    const first = await b.authorize((await demoParams({ prompt: 'create' })).params)
    expect(first.body.status).toBe('USERNAME_PASSWORD_REQUIRED')
  })
})
