import { describe, expect, it } from 'vitest'
import { browser, DEMO, demoParams, emulator, self } from './helpers.js'

describe('Identifier First (identifierFirst: true)', () => {
  it('asks for the identifier, then the password with the username pre-filled', async () => {
    const emu = emulator({ identifierFirst: true })
    const b = browser(emu)
    const first = await b.authorize((await demoParams()).params)
    const href = self(first)
    expect(first.body).toMatchObject({
      status: 'IDENTIFIER_REQUIRED',
      previouslySubmittedIdentifiers: [],
      showCaptcha: false,
    })
    expect(Object.keys(first.body._links).sort()).toEqual([
      'cancelIdentifierSubmission',
      'self',
      'submitIdentifier',
    ])

    const missing = await b.act(href, 'submitIdentifier', {})
    expect(missing.body.details).toEqual([
      expect.objectContaining({ code: 'FIELD_REQUIRED', target: 'identifier' }),
    ])

    const password = await b.act(href, 'submitIdentifier', { identifier: 'joe' })
    expect(password.body).toMatchObject({
      status: 'USERNAME_PASSWORD_REQUIRED',
      pluginTypeId: '7RmQNDWaOnBoudTufx2sEw',
      username: 'joe',
      allowUsernameEdits: false,
    })
    const other = await b.act(href, 'checkUsernamePassword', { username: 'ann', password: DEMO.password })
    expect(other.body.details[0]).toMatchObject({ code: 'INVALID_FIELD_VALUE', target: 'username' })
    const done = await b.act(href, 'checkUsernamePassword', { username: 'joe', password: DEMO.password })
    expect(done.body.status).toBe('COMPLETED')
  })

  it('remembers submitted identifiers on the session and can clear them', async () => {
    const emu = emulator({ identifierFirst: true })
    const b = browser(emu)
    const first = await b.authorize((await demoParams()).params)
    await b.act(self(first), 'submitIdentifier', { identifier: 'nobody' })

    const second = await b.authorize((await demoParams({ prompt: 'login' })).params)
    expect(second.body.previouslySubmittedIdentifiers).toEqual(['nobody'])
    expect(second.body._links.clearIdentifier).toBeDefined()
    const cleared = await b.act(self(second), 'clearIdentifier', { identifier: 'nobody' })
    expect(cleared.body).toMatchObject({ status: 'IDENTIFIER_REQUIRED', previouslySubmittedIdentifiers: [] })
    expect(cleared.body._links.clearIdentifier).toBeUndefined()
  })

  it('an unknown identifier moves on (no account probing) and then fails at the password', async () => {
    const b = browser(emulator({ identifierFirst: true }))
    const first = await b.authorize((await demoParams()).params)
    const next = await b.act(self(first), 'submitIdentifier', { identifier: 'nobody' })
    expect(next.body.status).toBe('USERNAME_PASSWORD_REQUIRED')
    const wrong = await b.act(self(first), 'checkUsernamePassword', {
      username: 'nobody',
      password: DEMO.password,
    })
    expect(wrong.body.details[0].code).toBe('CREDENTIAL_VALIDATION_FAILED')
  })

  it('cancelIdentifierSubmission ends the flow in FAILED', async () => {
    const b = browser(emulator({ identifierFirst: true }))
    const first = await b.authorize((await demoParams()).params)
    const canceled = await b.act(self(first), 'cancelIdentifierSubmission')
    expect(canceled.body).toMatchObject({
      status: 'FAILED',
      code: 'access_denied',
      userMessage: expect.any(String),
    })
    expect(canceled.body._links).toEqual({ self: { href: self(first) } })
    expect((await b.read(self(first))).res.status).toBe(404)
  })
})
