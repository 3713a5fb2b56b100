import { createLocalJWKSet, createRemoteJWKSet, jwtVerify } from 'jose'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createEmulator, type Emulator } from '../../src/emulator.js'
import { startEmulator } from '../../src/server.js'
import { Browser, DEMO, pkce, self } from './helpers.js'

const modes: [string, () => Promise<Emulator>][] = [
  ['in-process', async () => createEmulator()],
  ['over HTTP', () => startEmulator()],
]

describe.each(modes)("joe's full login (%s)", (_mode, make) => {
  let emu: Emulator
  beforeAll(async () => {
    emu = await make()
  })
  afterAll(() => emu.close())

  it('authorize → checkUsernamePassword → COMPLETED → token → verified id_token', async () => {
    const b = new Browser(emu.fetch, emu.pingFederate.baseUrl)
    const pair = await pkce()
    const start = await b.authorize({
      client_id: emu.pingFederate.clientId,
      response_type: 'code',
      scope: 'openid profile email',
      code_challenge: pair.challenge,
      code_challenge_method: 'S256',
      state: 'xyz',
      nonce: 'nonce-1',
    })
    expect(start.res.status).toBe(200)
    expect(start.res.headers.get('content-type')).toMatch(/^application\/json/)
    expect(start.res.headers.get('cache-control')).toBe('no-store')
    expect(start.body).toMatchObject({
      status: 'USERNAME_PASSWORD_REQUIRED',
      pluginTypeId: '7RmQNDWaOnBoudTufx2sEw',
      showRememberMyUsername: false,
      rememberMyUsernameSelected: false,
      showThisIsMyDevice: false,
      thisIsMyDeviceSelected: false,
      showCaptcha: false,
    })
    expect(start.body.id).toMatch(/^[A-Za-z0-9]{5}$/)
    const href = `${emu.pingFederate.baseUrl}/pf-ws/authn/flows/${start.body.id}`
    expect(start.body._links).toEqual({ self: { href }, checkUsernamePassword: { href } })
    expect(b.jar.get('PF')).toBeTruthy()

    const done = await b.act(self(start), 'checkUsernamePassword', {
      username: 'joe',
      password: DEMO.password,
    })
    expect(done.res.status).toBe(200)
    expect(done.body).toEqual({
      id: start.body.id,
      status: 'COMPLETED',
      authorizeResponse: { code: expect.any(String), state: 'xyz' },
      _links: { self: { href } },
    })

    const token = await b.token({
      grant_type: 'authorization_code',
      code: done.body.authorizeResponse.code,
      client_id: emu.pingFederate.clientId,
      code_verifier: pair.verifier,
    })
    expect(token.res.status).toBe(200)
    expect(token.res.headers.get('cache-control')).toBe('no-store')
    expect(token.body).toMatchObject({
      access_token: expect.any(String),
      token_type: 'Bearer',
      expires_in: 7200,
      scope: 'openid profile email',
      id_token: expect.any(String),
    })
    expect(token.body.refresh_token).toBeUndefined()

    const discovery = await b.send(`${emu.pingFederate.baseUrl}/.well-known/openid-configuration`, {}, false)
    expect(discovery.body.issuer).toBe(emu.pingFederate.issuer)
    const jwks = await b.send(discovery.body.jwks_uri, {}, false)
    const { payload, protectedHeader } = await jwtVerify(
      token.body.id_token,
      createLocalJWKSet(jwks.body as never),
      {
        issuer: emu.pingFederate.baseUrl,
        audience: emu.pingFederate.clientId,
        currentDate: new Date(emu.clock.now()),
      },
    )
    expect(protectedHeader.alg).toBe('RS256')
    expect(payload).toMatchObject({
      sub: 'joe',
      nonce: 'nonce-1',
      name: 'Joe Smith',
      email: 'joe@example.com',
      auth_time: expect.any(Number),
      at_hash: expect.any(String),
    })
    expect(payload.exp! - payload.iat!).toBe(300)

    if (emu.pingFederate.baseUrl.startsWith('http://')) {
      // Over real HTTP the issuer's JWKS is reachable the way a client library would fetch it.
      const remote = createRemoteJWKSet(new URL(discovery.body.jwks_uri))
      await expect(
        jwtVerify(token.body.id_token, remote, { issuer: emu.pingFederate.issuer }),
      ).resolves.toBeTruthy()
    }

    const userinfo = await b.send(
      `${emu.pingFederate.baseUrl}/idp/userinfo.openid`,
      { headers: { authorization: `Bearer ${token.body.access_token}` } },
      false,
    )
    expect(userinfo.body).toMatchObject({ sub: 'joe', name: 'Joe Smith', email: 'joe@example.com' })
  })

  it('accepts the form-POST authorize request and the ?action= variant', async () => {
    const b = new Browser(emu.fetch, emu.pingFederate.baseUrl)
    const pair = await pkce()
    const start = await b.send(`${emu.pingFederate.baseUrl}/as/authorization.oauth2`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        client_id: 'redirectless-demo',
        response_type: 'code',
        response_mode: 'pi.flow',
        scope: 'openid',
        code_challenge: pair.challenge,
        code_challenge_method: 'S256',
      }).toString(),
    })
    expect(start.body.status).toBe('USERNAME_PASSWORD_REQUIRED')
    const done = await b.act(
      self(start),
      'checkUsernamePassword',
      { username: 'ann', password: DEMO.password },
      { useActionParam: true },
    )
    expect(done.body.status).toBe('COMPLETED')
    expect(done.body.authorizeResponse.state).toBeUndefined()
  })
})
