import { describe, expect, it } from 'vitest'
import { createEmulator, startEmulator } from '../../src/index.js'
import { act, authorize, type Fetch, loginHintToken, read, requestObject, resume } from './helpers.js'

const PASSWORD = '2FederateM0re'

describe('identifier first: SIGN_ON_REQUIRED, user.lookup, PASSWORD_REQUIRED', () => {
  it.each(['in-process', 'http'] as const)('signs joe on in three steps (%s)', async (mode) => {
    const emu = mode === 'http' ? await startEmulator() : createEmulator()
    const fetch: Fetch = mode === 'http' ? globalThis.fetch : emu.fetch
    try {
      const started = await authorize(emu, { acr_values: 'Identifier_First' }, fetch)
      expect(started.body.status).toBe('SIGN_ON_REQUIRED')
      expect(Object.keys(started.body._links).sort()).toEqual([
        'password.forgot',
        'self',
        'signOnPage',
        'user.lookup',
      ])
      expect(started.cookie).toBeUndefined()
      const looked = await act(emu, started.body, 'user.lookup', { username: 'joe' }, { fetch })
      expect(looked.body.status).toBe('PASSWORD_REQUIRED')
      // Contract §3.3 (OBSERVED): the password link sits under the required step by default.
      expect(looked.body._links['usernamePassword.check']).toBeUndefined()
      expect(looked.body._embedded.requiredStep._links['usernamePassword.check'].href).toBe(
        started.body._links.self.href,
      )
      expect(looked.body._embedded.user).toMatchObject({ username: 'joe' })
      expect(looked.cookie).toMatch(/^ST=/)
      const signed = await act(
        emu,
        started.body,
        'usernamePassword.check',
        { username: 'joe', password: PASSWORD },
        { fetch },
      )
      expect(signed.body.status).toBe('OTP_REQUIRED')
      const done = await act(emu, started.body, 'otp.check', { otp: emu.outbox.last('joe')?.otp }, { fetch })
      expect(done.body.status).toBe('COMPLETED')
      const resumed = await resume(emu, done.body, looked.cookie, fetch)
      expect(resumed.body.authorizeResponse.code).toEqual(expect.any(String))
    } finally {
      await emu.close()
    }
  })

  it('passwordRequiredLinks puts the password link in _links too, or only there', async () => {
    for (const [mode, top, nested] of [
      ['top', true, false],
      ['both', true, true],
    ] as const) {
      const emu = createEmulator({ pingOne: { passwordRequiredLinks: mode } })
      const started = await authorize(emu, { acr_values: 'Identifier_First' })
      const looked = await act(emu, started.body, 'user.lookup', { username: 'joe' })
      expect(looked.body._links['usernamePassword.check'] !== undefined, mode).toBe(top)
      expect(looked.body._embedded.requiredStep !== undefined, mode).toBe(nested)
    }
  })

  it('an unknown username goes on to PASSWORD_REQUIRED and fails there, or is refused (userLookupUnknownUser)', async () => {
    const emu = createEmulator()
    const started = await authorize(emu, { acr_values: 'Identifier_First' })
    const looked = await act(emu, started.body, 'user.lookup', { username: 'nobody' })
    expect(looked.body.status).toBe('PASSWORD_REQUIRED')
    expect(looked.body._embedded.user).toEqual({ username: 'nobody' })
    expect(looked.cookie).toBeUndefined()
    const refused = await act(emu, started.body, 'usernamePassword.check', {
      username: 'nobody',
      password: 'x',
    })
    expect(refused.status).toBe(400)
    expect(refused.body.details[0].code).toBe('INVALID_CREDENTIALS')

    const strict = createEmulator({ pingOne: { userLookupUnknownUser: 'error' } })
    const flow = (await authorize(strict, { acr_values: 'Identifier_First' })).body
    const error = await act(strict, flow, 'user.lookup', { username: 'nobody' })
    expect(error.status).toBe(400)
    expect(error.body.details[0]).toMatchObject({ code: 'INVALID_VALUE', target: 'username' })
    expect((await read(strict, flow)).body.status).toBe('SIGN_ON_REQUIRED')
  })

  it('the password must be for the looked-up user', async () => {
    const emu = createEmulator()
    const flow = (await authorize(emu, { acr_values: 'Identifier_First' })).body
    await act(emu, flow, 'user.lookup', { username: 'joe' })
    const other = await act(emu, flow, 'usernamePassword.check', { username: 'ann', password: PASSWORD })
    expect(other.status).toBe(400)
    expect(other.body.details[0].target).toBe('username')
  })

  it('a login_hint_token with a password policy asks only the password', async () => {
    const emu = createEmulator()
    const started = await authorize(emu, {
      acr_values: 'Multi_Factor',
      login_hint_token: await loginHintToken(emu, 'joe'),
    })
    expect(started.body.status).toBe('PASSWORD_REQUIRED')
    const next = await act(emu, started.body, 'usernamePassword.check', {
      username: 'joe',
      password: PASSWORD,
    })
    expect(next.body.status).toBe('OTP_REQUIRED')
  })
})

describe('passwordless and transaction approval', () => {
  it('Passwordless: user.lookup goes straight to MFA', async () => {
    const emu = createEmulator()
    const started = await authorize(emu, { acr_values: 'Passwordless' })
    expect(started.body.status).toBe('SIGN_ON_REQUIRED')
    expect(started.body._links['password.forgot']).toBeUndefined()
    const ann = await act(emu, started.body, 'user.lookup', { username: 'ann' })
    expect(ann.body.status).toBe('DEVICE_SELECTION_REQUIRED')
    expect(ann.body._embedded.devices.map((d: { type: string }) => d.type)).toEqual(['TOTP', 'MOBILE'])
  })

  it('an unknown username cannot be hidden without a password step: 400', async () => {
    const emu = createEmulator()
    const started = await authorize(emu, { acr_values: 'Passwordless' })
    const unknown = await act(emu, started.body, 'user.lookup', { username: 'nobody' })
    expect(unknown.status).toBe(400)
    expect(unknown.body.details[0].target).toBe('username')
  })

  it('transaction approval: identifier first, then the OTP carries the payment from pi.template', async () => {
    const emu = createEmulator()
    const request = await requestObject(emu, {
      'pi.template': {
        name: 'transaction',
        variables: { sum: '1,000.00', currency: 'EUR', recipient: 'Ann Jones' },
      },
    })
    const started = await authorize(emu, { acr_values: 'Passwordless', request })
    const otp = await act(emu, started.body, 'user.lookup', { username: 'joe' })
    expect(otp.body.status).toBe('OTP_REQUIRED')
    const sms = emu.outbox.last('joe')
    expect(sms?.text).toBe(`Approve the payment of 1,000.00 EUR to Ann Jones with code ${sms?.otp}.`)
    const done = await act(emu, started.body, 'otp.check', { otp: sms?.otp })
    expect(done.body.status).toBe('COMPLETED')
  })
})

describe('kerberos.lookup', () => {
  it('is linked where the policy allows it; without a ticket 401 Negotiate, with one the user signs on', async () => {
    const emu = createEmulator()
    const started = await authorize(emu, { acr_values: 'Passwordless' })
    expect(started.body._links['kerberos.lookup']).toBeDefined()
    const challenge = await act(emu, started.body, 'kerberos.lookup')
    expect(challenge.status).toBe(401)
    expect(challenge.response.headers.get('www-authenticate')).toBe('Negotiate')
    expect(challenge.body).toMatchObject({ code: 'ACCESS_FAILED', details: [{ code: 'INVALID_TOKEN' }] })
    expect(emu.pingOneBrowser.kerberos(started.body.id, 'joe')).toBe(true)
    const signed = await act(emu, started.body, 'kerberos.lookup', {})
    expect(signed.body.status).toBe('OTP_REQUIRED')
    expect(signed.body._embedded.user.username).toBe('joe')
    expect(emu.pingOneBrowser.kerberos('no-such-flow', 'joe')).toBe(false)
  })

  it('is not offered by a policy that does not enable it', async () => {
    const emu = createEmulator()
    const flow = (await authorize(emu, { acr_values: 'Identifier_First' })).body
    expect(flow._links['kerberos.lookup']).toBeUndefined()
    expect((await act(emu, flow, 'kerberos.lookup')).status).toBe(400)
  })
})
