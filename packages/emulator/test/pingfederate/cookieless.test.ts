import type { PingFederateConfig } from '@redirectless/emulator'
import { describe, expect, it } from 'vitest'
import { browser, DEMO, emulator, pkce } from './helpers.js'

async function start(config: Partial<PingFederateConfig> = {}) {
  const emu = emulator(config)
  const b = browser(emu)
  const pair = await pkce()
  const first = await b.authorize({
    client_id: emu.pingFederate.cookielessClientId!,
    response_type: 'code',
    scope: 'openid',
    code_challenge: pair.challenge,
    code_challenge_method: 'S256',
  })
  return { emu, b, first, href: first.body._links.self.href as string, pair }
}

describe('cookieless mode (contract §2.5)', () => {
  it('carries _pf_authn_api_state in the authorize response and needs no cookie on flow calls', async () => {
    const { b, first, href, emu } = await start()
    expect(first.body.status).toBe('USERNAME_PASSWORD_REQUIRED')
    expect(first.body._pf_authn_api_state).toEqual(expect.any(String))
    expect(emu.pingFederate.cookielessStateHeader).toBe('X-PF-Authn-API-State')

    const read = await b.send(
      href,
      { headers: { 'x-xsrf-header': 'x', 'x-pf-authn-api-state': first.body._pf_authn_api_state } },
      false,
    )
    expect(read.res.status).toBe(200)
    // A read changes nothing, so the value stays: Ping's widget polls with the one it has.
    expect(read.body._pf_authn_api_state).toBe(first.body._pf_authn_api_state)
  })

  it('strict (pfCookieGraceSeconds: 0): the state in error bodies too, only the latest value (header name case-insensitive)', async () => {
    const { b, first, href } = await start({ pfCookieGraceSeconds: 0 })
    const post = (state: string, body: unknown) =>
      b.send(
        href,
        {
          method: 'POST',
          headers: {
            'content-type': 'application/vnd.pingidentity.checkUsernamePassword+json',
            'x-xsrf-header': 'x',
            'X-Pf-Authn-Api-State': state,
          },
          body: JSON.stringify(body),
        },
        false,
      )
    const wrong = await post(first.body._pf_authn_api_state, { username: 'joe', password: 'bad' })
    expect(wrong.res.status).toBe(400)
    expect(wrong.body.code).toBe('VALIDATION_ERROR')
    const latest = wrong.body._pf_authn_api_state as string
    expect(latest).toEqual(expect.any(String))

    const stale = await post(first.body._pf_authn_api_state, { username: 'joe', password: DEMO.password })
    expect(stale.res.status).toBe(404)
    expect(stale.body._pf_authn_api_state).toBeUndefined()

    const missing = await b.send(href, { headers: { 'x-xsrf-header': 'x' } }, false)
    expect(missing.res.status).toBe(404)

    const done = await post(latest, { username: 'joe', password: DEMO.password })
    expect(done.body.status).toBe('COMPLETED')
    expect(done.body._pf_authn_api_state).toEqual(expect.any(String))
  })

  it('lenient by default: a value an action replaced works for the grace period and gets the newest back', async () => {
    const { b, first, href, emu } = await start({ mfa: { type: 'push', approveAfterPolls: 1 } })
    const call = (state: string, action?: string, body?: unknown) =>
      b.send(
        href,
        action
          ? {
              method: 'POST',
              headers: {
                'content-type': `application/vnd.pingidentity.${action}+json`,
                'x-xsrf-header': 'x',
                'x-pf-authn-api-state': state,
              },
              body: JSON.stringify(body ?? {}),
            }
          : { headers: { 'x-xsrf-header': 'x', 'x-pf-authn-api-state': state } },
        false,
      )
    const signedOn = await call(first.body._pf_authn_api_state, 'checkUsernamePassword', {
      username: 'joe',
      password: DEMO.password,
    })
    expect(signedOn.body.status).toBe('PUSH_CONFIRMATION_WAITING')
    const waiting = signedOn.body._pf_authn_api_state as string
    expect(waiting).not.toBe(first.body._pf_authn_api_state)
    // The widget's double click: the same selectDevice twice with one value.
    const one = await call(waiting, 'selectDevice', { deviceRef: { id: 'push-joe' } })
    const two = await call(waiting, 'selectDevice', { deviceRef: { id: 'push-joe' } })
    expect([one.res.status, two.res.status]).toEqual([200, 200])
    expect(two.body._pf_authn_api_state).toBe(one.body._pf_authn_api_state)
    // The widget's push wait: reads with the value of the screen it drew, until the phone answers.
    const read = await call(waiting)
    expect([read.res.status, read.body.status]).toEqual([200, 'MFA_COMPLETED'])
    expect(read.body._pf_authn_api_state).toBe(one.body._pf_authn_api_state)
    emu.clock.advance(30_001)
    expect((await call(waiting)).res.status).toBe(404)
    const done = await call(one.body._pf_authn_api_state, 'continueAuthentication')
    expect(done.body.status).toBe('COMPLETED')
  })

  it('still carries the state when the X-XSRF-Header is missing', async () => {
    const { b, first, href } = await start()
    const call = await b.send(
      href,
      { headers: { 'x-pf-authn-api-state': first.body._pf_authn_api_state } },
      false,
    )
    expect(call.res.status).toBe(400)
    expect(call.body._pf_authn_api_state).toEqual(expect.any(String))
  })

  it('the PF cookie alone does not open a cookieless flow', async () => {
    const { b, href } = await start()
    expect((await b.read(href)).res.status).toBe(404)
  })

  it('leaves an SSO session behind on the PF cookie of the authorize call', async () => {
    const { b, first, href, emu } = await start()
    await b.send(
      href,
      {
        method: 'POST',
        headers: {
          'content-type': 'application/vnd.pingidentity.checkUsernamePassword+json',
          'x-xsrf-header': 'x',
          'x-pf-authn-api-state': first.body._pf_authn_api_state,
        },
        body: JSON.stringify({ username: 'joe', password: DEMO.password }),
      },
      false,
    )
    const pair = await pkce()
    const again = await b.authorize({
      client_id: emu.pingFederate.cookielessClientId!,
      response_type: 'code',
      code_challenge: pair.challenge,
      code_challenge_method: 'S256',
    })
    expect(again.body.status).toBe('COMPLETED')
    expect(again.body._pf_authn_api_state).toEqual(expect.any(String))
  })
})
