import { describe, expect, it } from 'vitest'
import type { PingFederateConfig } from '../../src/pingfederate/index.js'
import { browser, DEMO, demoParams, emulator, self } from './helpers.js'

async function toResume(
  pf: Partial<PingFederateConfig>,
  extra: Record<string, string> = {},
  username = 'joe',
) {
  const emu = emulator(pf)
  const b = browser(emu)
  const { params, pkce } = await demoParams(extra)
  const first = await b.authorize(params)
  const href = self(first)
  const resume = await b.act(href, 'checkUsernamePassword', { username, password: DEMO.password })
  return { emu, b, href, resume, pkce }
}

describe('RESUME (contract §5.2)', () => {
  it('a non-API step answers RESUME with resumeUrl; the flow keeps it until a browser resumes', async () => {
    const { b, href, resume } = await toResume({ nonApiStep: { interactive: false } })
    expect(resume.body).toMatchObject({
      status: 'RESUME',
      pluginTypeId: expect.any(String),
      resumeUrl: `https://pingfederate.emulator.test/as/${resume.body.id}/resume/as/authorization.ping`,
      _links: { self: { href } },
    })
    expect(Object.keys(resume.body._links)).toEqual(['self'])
    expect((await b.read(href)).body.status).toBe('RESUME')
    expect((await b.act(href, 'continueAuthentication')).body.code).toBe('INVALID_ACTION_ID')
  })

  it("resumeUrl with the flow's cookie redirects to the redirect URI with the code (default 'redirect')", async () => {
    const { b, resume, pkce } = await toResume({ nonApiStep: { interactive: false } })
    const res = await b.fetch(resume.body.resumeUrl, {
      headers: { cookie: b.jar.header() },
      redirect: 'manual',
    })
    expect(res.status).toBe(302)
    const location = new URL(res.headers.get('location') ?? '')
    expect(`${location.origin}${location.pathname}`).toBe('http://localhost:3000/callback')
    expect(location.searchParams.get('state')).toBe('st-123')
    const token = await b.token({
      grant_type: 'authorization_code',
      code: location.searchParams.get('code') ?? '',
      client_id: 'redirectless-demo',
      code_verifier: pkce.verifier,
    })
    expect(token.body.token_type).toBe('Bearer')
    // Single use: the flow is gone.
    const again = await b.fetch(resume.body.resumeUrl, {
      headers: { cookie: b.jar.header() },
      redirect: 'manual',
    })
    expect(again.status).toBe(400)
  })

  it('implicit and hybrid response types come back in the fragment', async () => {
    const { b, resume } = await toResume(
      { nonApiStep: { interactive: false } },
      { response_type: 'code id_token' },
    )
    const res = await b.fetch(resume.body.resumeUrl, {
      headers: { cookie: b.jar.header() },
      redirect: 'manual',
    })
    const location = new URL(res.headers.get('location') ?? '')
    expect(location.search).toBe('')
    const fragment = new URLSearchParams(location.hash.slice(1))
    expect(fragment.get('code')).toBeTruthy()
    expect(fragment.get('id_token')).toBeTruthy()
  })

  it("resumeResponse 'form_post' and 'pi.flow'", async () => {
    const post = await toResume({ nonApiStep: { interactive: false }, resumeResponse: 'form_post' })
    const page = await post.b.fetch(post.resume.body.resumeUrl, { headers: { cookie: post.b.jar.header() } })
    const html = await page.text()
    expect(page.headers.get('content-type')).toContain('text/html')
    expect(html).toContain('action="http://localhost:3000/callback"')
    expect(html).toMatch(/<input type="hidden" name="code" value="[^"]+">/)

    const json = await toResume({ nonApiStep: { interactive: false }, resumeResponse: 'pi.flow' })
    const answer = await json.b.fetch(json.resume.body.resumeUrl, {
      headers: { cookie: json.b.jar.header() },
    })
    expect(await answer.json()).toMatchObject({
      status: 'COMPLETED',
      authorizeResponse: { code: expect.any(String) },
    })
  })

  it('an interactive step shows its page first (a fetch gets no code); its form posts back and finishes', async () => {
    const { b, resume } = await toResume({ nonApiStep: {} })
    const page = await b.fetch(resume.body.resumeUrl, {
      headers: { cookie: b.jar.header() },
      redirect: 'manual',
    })
    expect(page.status).toBe(200)
    expect(await page.text()).toContain('needs a browser')
    const posted = await b.fetch(resume.body.resumeUrl, {
      method: 'POST',
      headers: { cookie: b.jar.header() },
      redirect: 'manual',
    })
    expect(posted.status).toBe(302)
  })

  it('refuses a resume without the flow’s PF cookie', async () => {
    const { b, resume } = await toResume({ nonApiStep: { interactive: false } })
    const res = await b.fetch(resume.body.resumeUrl, { redirect: 'manual' })
    expect(res.status).toBe(400)
    expect(res.headers.get('content-type')).toContain('text/html')
  })

  it('applies only to the listed users', async () => {
    const { resume } = await toResume({ nonApiStep: { users: ['ann'] } })
    expect(resume.body.status).toBe('COMPLETED')
  })

  it('a client in authentication-application mode ends every flow in RESUME', async () => {
    const emu = emulator()
    const b = browser(emu)
    const { params } = await demoParams({ client_id: 'redirectless-authn-app' })
    const first = await b.authorize(params)
    const resume = await b.act(self(first), 'checkUsernamePassword', {
      username: 'ann',
      password: DEMO.password,
    })
    expect(resume.body.status).toBe('RESUME')
    expect(emu.pingFederate.authenticationApplicationClientId).toBe('redirectless-authn-app')
    const res = await b.fetch(resume.body.resumeUrl, {
      headers: { cookie: b.jar.header() },
      redirect: 'manual',
    })
    expect(res.status).toBe(302)
  })

  it('is the fault route "resume"', async () => {
    const { emu, b, resume } = await toResume({ nonApiStep: { interactive: false } })
    emu.faults.add({
      fault: { kind: 'status', status: 503 },
      product: 'pingfederate',
      route: 'resume',
      times: 1,
    })
    const res = await b.fetch(resume.body.resumeUrl, {
      headers: { cookie: b.jar.header() },
      redirect: 'manual',
    })
    expect(res.status).toBe(503)
  })
})
