import { createEmulator } from '@redirectless/emulator'
import { describe, expect, it } from 'vitest'
import { authorizationResponseOf } from '../src/resume.js'
import { PASSWORD, pfServerClient } from './helpers.js'

const answer = (status: number, headers: Record<string, string>, text = '') => ({
  status,
  headers: new Headers(headers),
  url: 'https://pf.example/as/x/resume/as/authorization.ping',
  text,
  json: headers['content-type']?.includes('json') ? JSON.parse(text) : undefined,
})

describe('reading the authorization response resumeUrl hands over (never following anything)', () => {
  it('from a redirect: the query and the fragment', () => {
    expect(
      authorizationResponseOf(
        answer(302, { location: 'http://localhost:3000/callback?code=c&state=s' }),
        undefined,
      ),
    ).toEqual({ code: 'c', state: 's' })
    expect(
      authorizationResponseOf(answer(303, { location: 'app://cb#id_token=t&state=s' }), 'app://cb'),
    ).toEqual({ id_token: 't', state: 's' })
  })

  it('not from a redirect elsewhere than the redirect URI, nor one without a response', () => {
    expect(
      authorizationResponseOf(answer(302, { location: 'https://pf.example/login?code=c' }), 'app://cb'),
    ).toBe(undefined)
    expect(authorizationResponseOf(answer(302, { location: '/as/login.ping' }), undefined)).toBe(undefined)
    expect(authorizationResponseOf(answer(302, {}), undefined)).toBe(undefined)
    // A browser's opaque redirect: nothing to read.
    expect(authorizationResponseOf(answer(0, {}), undefined)).toBe(undefined)
  })

  it('from an auto-post form, entities decoded; not from any other page', () => {
    const page =
      '<form method="post" action="https://app/cb"><input type="hidden" name="code" value="a&amp;b&#x3d;"><input name=\'state\' value=\'s\'></form>'
    expect(authorizationResponseOf(answer(200, { 'content-type': 'text/html' }, page), undefined)).toEqual({
      code: 'a&b=',
      state: 's',
    })
    const login = '<form method="post"><input name="username"><input name="password" type="password"></form>'
    expect(authorizationResponseOf(answer(200, { 'content-type': 'text/html' }, login), undefined)).toBe(
      undefined,
    )
  })

  it('from COMPLETED JSON', () => {
    const body = JSON.stringify({ status: 'COMPLETED', authorizeResponse: { code: 'c' } })
    expect(
      authorizationResponseOf(answer(200, { 'content-type': 'application/json' }, body), undefined),
    ).toEqual({
      code: 'c',
    })
  })
})

describe('followResume', () => {
  it('refuses a resumeUrl outside the trusted origins before sending anything', async () => {
    const emu = createEmulator({ pingFederate: { nonApiStep: { interactive: false } } })
    const seen: string[] = []
    const pf = pfServerClient(emu, 'in-process', {
      followResume: true,
      fetch: (input, init) => {
        seen.push(new Request(input, init).url)
        return emu.fetch(input, init)
      },
    })
    const flow = await pf.startFlow({ scope: 'openid' })
    await flow.submit('checkUsernamePassword', { username: 'joe', password: PASSWORD })
    const saved = flow.toJSON()
    const forged = pf.restoreFlow({
      ...saved,
      state: { ...saved.state, resumeUrl: 'https://evil.example/as/x/resume/as/authorization.ping' },
    })
    const before = seen.length
    expect(await forged.complete().catch((e) => e.code)).toBe('UNTRUSTED_LINK')
    expect(seen.length).toBe(before)
  })

  it('a resume the server refuses (no session: another jar) is FLOW_ERROR, not a silent success', async () => {
    const emu = createEmulator({ pingFederate: { nonApiStep: { interactive: false } } })
    const pf = pfServerClient(emu, 'in-process', { followResume: true })
    const flow = await pf.startFlow({ scope: 'openid' })
    await flow.submit('checkUsernamePassword', { username: 'joe', password: PASSWORD })
    const saved = flow.toJSON()
    const stranger = pf.restoreFlow({ ...saved, cookies: undefined })
    expect(await stranger.complete().catch((e) => [e.code, e.status])).toEqual(['FLOW_ERROR', 400])
  })
})
