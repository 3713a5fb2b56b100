import { describe, expect, it } from 'vitest'
import { browser, DEMO, emulator, pkce } from './helpers.js'

async function start() {
  const emu = emulator()
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
    expect(read.body._pf_authn_api_state).toEqual(expect.any(String))
    expect(read.body._pf_authn_api_state).not.toBe(first.body._pf_authn_api_state)
  })

  it('puts the state in error bodies too, and accepts only the latest value (header name case-insensitive)', async () => {
    const { b, first, href } = await start()
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
