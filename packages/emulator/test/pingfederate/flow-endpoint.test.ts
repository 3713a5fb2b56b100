import { describe, expect, it } from 'vitest'
import { browser, type Call, DEMO, demoParams, emulator, self } from './helpers.js'

async function start(overrides: Parameters<typeof emulator>[0] = {}) {
  const emu = emulator(overrides)
  const b = browser(emu)
  const first = await b.authorize((await demoParams()).params)
  return { emu, b, first, href: self(first) }
}

const notFound = (call: Call, code = 'RESOURCE_NOT_FOUND') => {
  expect(call.res.status).toBe(404)
  expect(call.body).toEqual({ code, message: 'The requested resource was not found.' })
}

describe('GET /pf-ws/authn/flows/{id}', () => {
  it('returns the current state and never changes it, whatever the query', async () => {
    const { b, first, href } = await start()
    const read = await b.read(`${href}?action=checkUsernamePassword`)
    expect(read.res.status).toBe(200)
    expect(read.body).toEqual(first.body)
    expect((await b.read(href)).body.status).toBe('USERNAME_PASSWORD_REQUIRED')
  })

  it('requires X-XSRF-Header (switchable)', async () => {
    const { b, href } = await start()
    const call = await b.send(href)
    expect(call.res.status).toBe(400)
    expect(call.body.code).toBe('INVALID_REQUEST')
    expect(call.body.message).toMatch(/X-XSRF-Header/)

    const relaxed = await start({ requireXsrfHeader: false })
    expect((await relaxed.b.send(relaxed.href)).res.status).toBe(200)
  })
})

describe('POST actions', () => {
  it('refuses a vendor type and ?action= that disagree', async () => {
    const { b, href } = await start()
    const call = await b.send(`${href}?action=poll`, {
      method: 'POST',
      headers: {
        'content-type': 'application/vnd.pingidentity.checkUsernamePassword+json',
        'x-xsrf-header': 'x',
      },
      body: JSON.stringify({ username: 'joe', password: DEMO.password }),
    })
    expect(call.res.status).toBe(400)
    expect(call.body.code).toBe('INVALID_REQUEST')
  })

  it('accepts a vendor type and ?action= that agree, and a charset parameter', async () => {
    const { b, href } = await start()
    const call = await b.send(`${href}?action=checkUsernamePassword`, {
      method: 'POST',
      headers: {
        'content-type': 'application/vnd.pingidentity.checkUsernamePassword+json; charset=UTF-8',
        'x-xsrf-header': 'x',
      },
      body: JSON.stringify({ username: 'joe', password: DEMO.password }),
    })
    expect(call.body.status).toBe('COMPLETED')
  })

  it.each([
    ['text/plain', ''],
    ['application/json', ''],
    ['application/x-www-form-urlencoded', '?action=checkUsernamePassword'],
    ['text/plain', '?action=checkUsernamePassword'],
    [undefined, ''],
  ])('refuses content type %s%s with INVALID_CONTENT_TYPE', async (type, query) => {
    const { b, href } = await start()
    const call = await b.send(`${href}${query}`, {
      method: 'POST',
      headers: { ...(type === undefined ? {} : { 'content-type': type }), 'x-xsrf-header': 'x' },
      // Bytes, not a string: fetch would label a string body text/plain.
      body: new TextEncoder().encode('{}'),
    })
    expect(call.res.status).toBe(400)
    expect(call.body).toMatchObject({ code: 'INVALID_REQUEST', details: [{ code: 'INVALID_CONTENT_TYPE' }] })
  })

  // Ping documents ?action= with no Content-Type requirement, and its demo clients post
  // ?action=poll with none: every form PingFederate accepts is accepted (contract §2.1).
  it.each([
    ['application/json with ?action=', 'application/json'],
    ['application/json; charset=UTF-8 with ?action=', 'application/json; charset=UTF-8'],
    ['no Content-Type with ?action=', undefined],
    ['an empty Content-Type with ?action=', ''],
  ])('accepts %s', async (_name, type) => {
    const { b, href } = await start()
    const call = await b.send(`${href}?action=checkUsernamePassword`, {
      method: 'POST',
      headers: { ...(type === undefined ? {} : { 'content-type': type }), 'x-xsrf-header': 'x' },
      body: new TextEncoder().encode(JSON.stringify({ username: 'joe', password: DEMO.password })),
    })
    expect(call.res.status).toBe(200)
    expect(call.body.status).toBe('COMPLETED')
  })

  it('accepts a body-less ?action=poll without Content-Type, as Ping demo clients send it', async () => {
    const emu = emulator({ mfa: { type: 'push', approveAfterPolls: 2 } })
    const b = browser(emu)
    const first = await b.authorize((await demoParams()).params)
    await b.act(self(first), 'checkUsernamePassword', { username: 'joe', password: DEMO.password })
    const poll = () =>
      b.send(`${self(first)}?action=poll`, { method: 'POST', headers: { 'x-xsrf-header': 'x' } })
    const waiting = await poll()
    expect(waiting.res.status).toBe(200)
    expect(waiting.body.status).toBe('PUSH_CONFIRMATION_WAITING')
    expect((await poll()).body.status).toBe('MFA_COMPLETED')
  })

  it('requires X-XSRF-Header on POST', async () => {
    const { b, href } = await start()
    const call = await b.act(href, 'checkUsernamePassword', {}, { headers: { 'x-xsrf-header': '' } })
    // An empty value still counts as present ("any value").
    expect(call.body.code).toBe('VALIDATION_ERROR')
    const missing = await b.send(href, {
      method: 'POST',
      headers: { 'content-type': 'application/vnd.pingidentity.checkUsernamePassword+json' },
      body: '{}',
    })
    expect(missing.body.code).toBe('INVALID_REQUEST')
  })

  it('refuses an action not in _links with INVALID_ACTION_ID', async () => {
    const { b, href } = await start()
    for (const action of ['continueAuthentication', 'noSuchAction', 'self']) {
      const call = await b.act(href, action)
      expect(call.res.status).toBe(400)
      expect(call.body.code).toBe('INVALID_ACTION_ID')
    }
  })

  it('reports each missing required field with FIELD_REQUIRED and a target', async () => {
    const { b, href } = await start()
    const call = await b.act(href, 'checkUsernamePassword', { username: '' })
    expect(call.res.status).toBe(400)
    expect(call.body).toMatchObject({
      code: 'VALIDATION_ERROR',
      details: [
        { code: 'FIELD_REQUIRED', target: 'username' },
        { code: 'FIELD_REQUIRED', target: 'password' },
      ],
    })
    const empty = await b.act(href, 'checkUsernamePassword')
    expect(empty.body.details).toHaveLength(2)
  })

  it('reports fields of the wrong type and bodies that are not objects', async () => {
    const { b, href } = await start()
    const wrong = await b.act(href, 'checkUsernamePassword', {
      username: 1,
      password: 'x',
      thisIsMyDevice: 'maybe',
    })
    expect(wrong.body.details).toEqual([
      expect.objectContaining({ code: 'INVALID_FIELD_FORMAT', target: 'username' }),
      expect.objectContaining({ code: 'INVALID_FIELD_FORMAT', target: 'thisIsMyDevice' }),
    ])
    const array = await b.act(href, 'checkUsernamePassword', [])
    expect(array.body.details[0].code).toBe('UNEXPECTED_ACTION_MODEL')
    const broken = await b.send(href, {
      method: 'POST',
      headers: {
        'content-type': 'application/vnd.pingidentity.checkUsernamePassword+json',
        'x-xsrf-header': 'x',
      },
      body: '{"username":',
    })
    expect(broken.body.code).toBe('INVALID_REQUEST')
  })

  it('accepts string booleans', async () => {
    const { b, href } = await start()
    const call = await b.act(href, 'checkUsernamePassword', {
      username: 'joe',
      password: DEMO.password,
      rememberMyUsername: 'true',
      thisIsMyDevice: 'false',
    })
    expect(call.body.status).toBe('COMPLETED')
  })

  it('ignores unknown fields unless strictActionModels', async () => {
    const loose = await start()
    const ok = await loose.b.act(loose.href, 'checkUsernamePassword', {
      username: 'joe',
      password: DEMO.password,
      extra: 1,
    })
    expect(ok.body.status).toBe('COMPLETED')

    const strict = await start({ strictActionModels: true })
    const refused = await strict.b.act(strict.href, 'checkUsernamePassword', {
      username: 'joe',
      password: DEMO.password,
      extra: 1,
    })
    expect(refused.body.details).toEqual([
      expect.objectContaining({ code: 'UNRECOGNIZED_FIELD_NAME', target: 'extra' }),
    ])
  })

  it('answers a wrong password with CREDENTIAL_VALIDATION_FAILED and leaves the flow usable', async () => {
    const { b, href, first } = await start()
    const wrong = await b.act(href, 'checkUsernamePassword', { username: 'joe', password: 'nope' })
    expect(wrong.res.status).toBe(400)
    expect(wrong.body).toMatchObject({
      code: 'VALIDATION_ERROR',
      details: [{ code: 'CREDENTIAL_VALIDATION_FAILED', userMessage: expect.any(String) }],
    })
    expect(JSON.stringify(wrong.body)).not.toContain('nope')
    const unknown = await b.act(href, 'checkUsernamePassword', { username: 'nobody', password: 'x' })
    expect(unknown.body.details[0].code).toBe('CREDENTIAL_VALIDATION_FAILED')
    expect((await b.read(href)).body).toEqual(first.body)
    // Usernames match case-insensitively; the canonical one becomes the subject.
    const ok = await b.act(href, 'checkUsernamePassword', { username: 'JOE', password: DEMO.password })
    expect(ok.body.status).toBe('COMPLETED')
  })
})

describe('flow lifetime', () => {
  it('404s an unknown flow id', async () => {
    const { b, emu } = await start()
    notFound(await b.read(`${emu.pingFederate.baseUrl}/pf-ws/authn/flows/ZZZZZ`))
  })

  it('expires an idle flow (30 min by default) and keeps an active one', async () => {
    const { b, href, emu } = await start()
    emu.clock.advance(29 * 60_000)
    expect((await b.read(href)).res.status).toBe(200)
    emu.clock.advance(29 * 60_000)
    expect((await b.read(href)).res.status).toBe(200)
    emu.clock.advance(30 * 60_000 + 1)
    notFound(await b.read(href))
    notFound(await b.act(href, 'checkUsernamePassword', { username: 'joe', password: DEMO.password }))
  })

  it('honours flowIdleTimeoutSeconds and the FLOW_NOT_FOUND switch', async () => {
    const { b, href, emu } = await start({ flowIdleTimeoutSeconds: 10, flowNotFoundCode: 'FLOW_NOT_FOUND' })
    emu.clock.advance(11_000)
    notFound(await b.read(href), 'FLOW_NOT_FOUND')
  })

  it('is gone after COMPLETED', async () => {
    const { b, href } = await start()
    await b.act(href, 'checkUsernamePassword', { username: 'joe', password: DEMO.password })
    notFound(await b.read(href))
  })

  it('gives the flow a new id on every action with rotateFlowId', async () => {
    const emu = emulator({ identifierFirst: true, rotateFlowId: true })
    const b = browser(emu)
    const first = await b.authorize((await demoParams()).params)
    const next = await b.act(self(first), 'submitIdentifier', { identifier: 'joe' })
    expect(next.body.id).not.toBe(first.body.id)
    expect(self(next)).toContain(next.body.id)
    notFound(await b.read(self(first)))
    expect((await b.read(self(next))).body.status).toBe('USERNAME_PASSWORD_REQUIRED')
  })
})

describe('PF cookie binding and rotation (contract §2.4)', () => {
  it('rotates the PF cookie on every response and, strict, accepts only the latest', async () => {
    const { b, href } = await start({ pfCookieGraceSeconds: 0 })
    const seen = new Set([b.jar.get('PF')])
    const stale = b.jar.get('PF')!
    await b.read(href)
    seen.add(b.jar.get('PF'))
    const wrong = await b.act(href, 'checkUsernamePassword', { username: 'joe', password: 'bad' })
    expect(wrong.res.status).toBe(400)
    seen.add(b.jar.get('PF'))
    expect(seen.size).toBe(3)

    notFound(await b.read(href, { cookie: `PF=${stale}` }))
    // The refused request did not rotate anything: the latest value still works.
    expect((await b.read(href)).res.status).toBe(200)
  })

  it('404s a flow read without its cookie or with another session', async () => {
    const { b, href, emu } = await start()
    notFound(await b.send(href, { headers: { 'x-xsrf-header': 'x' } }, false))
    const other = browser(emu)
    await other.authorize((await demoParams()).params)
    notFound(await other.read(href))
    expect((await b.read(href)).res.status).toBe(200)
  })

  it('keeps a superseded value valid for 30 s by default, answering it with the newest value', async () => {
    const { b, href, emu } = await start()
    const older = b.jar.get('PF')!
    await b.read(href)
    const newest = b.jar.get('PF')!
    expect(newest).not.toBe(older)

    // A request that left with the older value (it raced the read) still reaches the flow, and
    // is answered with the newest value rather than a further rotation.
    const late = await b.read(href, { cookie: `PF=${older}` })
    expect(late.res.status).toBe(200)
    expect(b.jar.get('PF')).toBe(newest)

    emu.clock.advance(29_000)
    expect((await b.read(href, { cookie: `PF=${older}` })).res.status).toBe(200)
    emu.clock.advance(1_001)
    notFound(await b.read(href, { cookie: `PF=${older}` }))
    // The newest value was never disturbed.
    expect((await b.read(href)).res.status).toBe(200)
  })

  it('measures the grace from each rotation and honours pfCookieGraceSeconds', async () => {
    const { b, href, emu } = await start({ pfCookieGraceSeconds: 5 })
    const v1 = b.jar.get('PF')!
    emu.clock.advance(4_000)
    await b.read(href)
    const v2 = b.jar.get('PF')!
    emu.clock.advance(4_000)
    await b.read(href)
    // v1 was replaced 4 s ago, v2 just now.
    expect((await b.read(href, { cookie: `PF=${v1}` })).res.status).toBe(200)
    emu.clock.advance(1_001)
    notFound(await b.read(href, { cookie: `PF=${v1}` }))
    expect((await b.read(href, { cookie: `PF=${v2}` })).res.status).toBe(200)
  })

  it('survives a double click: two POSTs with the same cookie both reach the flow', async () => {
    const emu = emulator({ mfa: { type: 'push', outcome: 'never' } })
    const b = browser(emu)
    const first = await b.authorize((await demoParams()).params)
    const href = self(first)
    await b.act(href, 'checkUsernamePassword', { username: 'joe', password: DEMO.password })
    const cookie = b.jar.header()
    const select = () =>
      b.act(href, 'selectDevice', { deviceRef: { id: 'push-joe' } }, { headers: { cookie } })
    const [a, c, p] = await Promise.all([
      select(),
      select(),
      b.act(href, 'poll', undefined, { headers: { cookie } }),
    ])
    for (const call of [a, c, p]) expect(call.body.status).toBe('PUSH_CONFIRMATION_WAITING')

    const strict = emulator({ mfa: { type: 'push', outcome: 'never' }, pfCookieGraceSeconds: 0 })
    const sb = browser(strict)
    const sFirst = await sb.authorize((await demoParams()).params)
    await sb.act(self(sFirst), 'checkUsernamePassword', { username: 'joe', password: DEMO.password })
    const sCookie = sb.jar.header()
    const once = await sb.act(self(sFirst), 'poll', undefined, { headers: { cookie: sCookie } })
    expect(once.res.status).toBe(200)
    notFound(await sb.act(self(sFirst), 'poll', undefined, { headers: { cookie: sCookie } }))
  })

  it('keeps a superseded PF.PERSISTENT for the grace period too', async () => {
    const emu = emulator({ persistentSessions: true })
    const b = browser(emu)
    const { params } = await demoParams()
    const first = await b.authorize(params)
    await b.act(self(first), 'checkUsernamePassword', { username: 'joe', password: DEMO.password })
    const older = b.jar.get('PF.PERSISTENT')!
    // A later call rotates both cookies.
    const again = browser(emu)
    again.jar.values.set('PF', b.jar.get('PF')!)
    again.jar.values.set('PF.PERSISTENT', older)
    await again.authorize((await demoParams()).params)
    expect(again.jar.get('PF.PERSISTENT')).not.toBe(older)

    const restore = async () => {
      const c = browser(emu)
      c.jar.values.set('PF.PERSISTENT', older)
      return c.authorize((await demoParams()).params)
    }
    expect((await restore()).body.status).toBe('COMPLETED')
    emu.clock.advance(30_001)
    expect((await restore()).body.status).toBe('USERNAME_PASSWORD_REQUIRED')
  })

  it('keeps the same value when rotatePfCookie is off', async () => {
    const { b, href } = await start({ rotatePfCookie: false })
    const value = b.jar.get('PF')
    const read = await b.read(href)
    expect(read.res.headers.getSetCookie()).toEqual([])
    expect(b.jar.get('PF')).toBe(value)
    expect((await b.read(href, { cookie: `PF=${value}` })).res.status).toBe(200)
  })
})
