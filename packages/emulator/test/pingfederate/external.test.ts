import { describe, expect, it } from 'vitest'
import type { PfExternalSourceConfig } from '../../src/pingfederate/index.js'
import { startEmulator } from '../../src/server.js'
import { Browser, browser, demoParams, emulator, type Json, self } from './helpers.js'

const links = (body: Json) => Object.keys(body._links).sort()
const SOCIAL: PfExternalSourceConfig = { name: 'Emulator Social', username: 'ann' }

async function toExternal(sources: readonly PfExternalSourceConfig[] = [SOCIAL]) {
  const emu = emulator({ externalSources: sources })
  const b = browser(emu)
  const first = await b.authorize((await demoParams()).params)
  const href = self(first)
  const external = await b.act(href, 'useAlternativeAuthenticationSource', {
    authenticationSource: sources[0]?.name,
  })
  return { emu, b, first, href, external }
}

describe('external authentication (EXTERNAL_AUTHENTICATION_*, contract §3.3)', () => {
  it('the sign-on form lists the sources; the pop-up (test hook) completes; continueAuthentication signs on', async () => {
    const { emu, b, first, href, external } = await toExternal()
    expect(first.body.alternativeAuthenticationSources).toEqual([{ name: 'Emulator Social' }])
    expect(links(first.body)).toContain('useAlternativeAuthenticationSource')
    expect(external.body).toMatchObject({
      status: 'EXTERNAL_AUTHENTICATION_REQUIRED',
      presentationMode: 'POPUP',
      authenticationUrl: expect.stringMatching(
        /^https:\/\/pingfederate\.emulator\.test\/emulator\/external\/.+/,
      ),
    })
    expect(links(external.body)).toEqual(['cancelAuthentication', 'self'])
    expect(emu.pingFederateExternal.pending()).toEqual([
      {
        flowId: external.body.id,
        source: 'Emulator Social',
        authenticationUrl: external.body.authenticationUrl,
      },
    ])
    // Until the pop-up is done, reading the flow changes nothing.
    expect((await b.read(href)).body.status).toBe('EXTERNAL_AUTHENTICATION_REQUIRED')
    expect(emu.pingFederateExternal.complete()).toBe(true)
    const completed = await b.read(href)
    expect(completed.body.status).toBe('EXTERNAL_AUTHENTICATION_COMPLETED')
    expect(links(completed.body)).toEqual(['continueAuthentication', 'self'])
    const done = await b.act(href, 'continueAuthentication')
    expect(done.body.status).toBe('COMPLETED')
    expect(emu.pingFederateExternal.pending()).toEqual([])
  })

  it('a failed pop-up is EXTERNAL_AUTHENTICATION_FAILED, whose cancel is FAILED', async () => {
    const { emu, b, href } = await toExternal()
    expect(emu.pingFederateExternal.fail()).toBe(true)
    const failed = await b.read(href)
    expect(failed.body.status).toBe('EXTERNAL_AUTHENTICATION_FAILED')
    expect(links(failed.body)).toEqual(['cancelAuthentication', 'self'])
    expect((await b.act(href, 'cancelAuthentication')).body).toMatchObject({
      status: 'FAILED',
      code: 'access_denied',
    })
  })

  it('the hook can name the user (an unknown one is provisioned) and the flow', async () => {
    const { emu, b, href, external } = await toExternal([{ name: 'Emulator Social' }])
    expect(emu.pingFederateExternal.complete()).toBe(false) // no user named anywhere
    expect(emu.pingFederateExternal.complete({ flowId: 'other', username: 'x' })).toBe(false)
    expect(emu.pingFederateExternal.complete({ flowId: external.body.id, username: 'newcomer' })).toBe(true)
    await b.act(href, 'continueAuthentication').then((r) => expect(r.body.status).toBe('COMPLETED'))
  })

  it('presentationMode REDIRECT is passed on as configured', async () => {
    const { external } = await toExternal([
      { name: 'Corporate IdP', presentationMode: 'REDIRECT', username: 'joe' },
    ])
    expect(external.body.presentationMode).toBe('REDIRECT')
  })

  it('an unknown source is VALIDATION_ERROR on authenticationSource', async () => {
    const emu = emulator({ externalSources: [SOCIAL] })
    const b = browser(emu)
    const first = await b.authorize((await demoParams()).params)
    const wrong = await b.act(self(first), 'useAlternativeAuthenticationSource', {
      authenticationSource: 'nope',
    })
    expect(wrong.body.details[0]).toMatchObject({
      code: 'INVALID_FIELD_VALUE',
      target: 'authenticationSource',
    })
  })

  it('over HTTP, a browser pop-up completes it on the emulated page', async () => {
    const emu = await startEmulator({ pingFederate: { externalSources: [SOCIAL] } })
    try {
      const b = new Browser(globalThis.fetch, emu.pingFederate.baseUrl)
      const first = await b.authorize((await demoParams()).params)
      const href = self(first)
      const external = await b.act(href, 'useAlternativeAuthenticationSource', {
        authenticationSource: SOCIAL.name,
      })
      const page = await fetch(external.body.authenticationUrl)
      expect(page.headers.get('content-type')).toContain('text/html')
      expect(await page.text()).toContain('value="ann"')
      const posted = await fetch(external.body.authenticationUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'username=ann&outcome=success',
      })
      expect(posted.status).toBe(200)
      expect((await b.read(href)).body.status).toBe('EXTERNAL_AUTHENTICATION_COMPLETED')
      expect((await fetch(external.body.authenticationUrl)).status).toBe(404)
    } finally {
      await emu.close()
    }
  })
})
