import { describe, expect, it } from 'vitest'
import type { PfPushMfaConfig } from '../../src/pingfederate/index.js'
import { browser, DEMO, demoParams, emulator, self } from './helpers.js'

async function toPush(mfa: PfPushMfaConfig, username = 'joe') {
  const emu = emulator({ mfa })
  const b = browser(emu)
  const first = await b.authorize((await demoParams()).params)
  const waiting = await b.act(self(first), 'checkUsernamePassword', { username, password: DEMO.password })
  return { emu, b, waiting, href: self(first) }
}

describe('push MFA after the password', () => {
  it('waits, is approved after N GETs, then needs continueAuthentication', async () => {
    const { b, waiting, href } = await toPush({ type: 'push', approveAfterPolls: 2 })
    expect(waiting.body).toMatchObject({
      status: 'PUSH_CONFIRMATION_WAITING',
      pluginTypeId: 'PushMfaEmulatorAdapter',
      devices: [{ id: 'push-joe', pushEnabled: true }],
      selectedDeviceRef: { id: 'push-joe' },
    })
    expect(Object.keys(waiting.body._links).sort()).toEqual([
      'cancelAuthentication',
      'poll',
      'selectDevice',
      'self',
    ])
    expect((await b.read(href)).body.status).toBe('PUSH_CONFIRMATION_WAITING')
    const approved = await b.read(href)
    expect(approved.body.status).toBe('MFA_COMPLETED')
    expect(Object.keys(approved.body._links).sort()).toEqual(['continueAuthentication', 'self'])
    // MFA_COMPLETED is not terminal: reading it again changes nothing.
    expect((await b.read(href)).body.status).toBe('MFA_COMPLETED')
    const done = await b.act(href, 'continueAuthentication')
    expect(done.body).toMatchObject({ status: 'COMPLETED', authorizeResponse: { code: expect.any(String) } })
  })

  it('the poll action counts like a GET', async () => {
    const { b, href } = await toPush({ type: 'push', approveAfterPolls: 3 })
    expect((await b.act(href, 'poll')).body.status).toBe('PUSH_CONFIRMATION_WAITING')
    expect((await b.read(href)).body.status).toBe('PUSH_CONFIRMATION_WAITING')
    expect((await b.act(href, 'poll', {})).body.status).toBe('MFA_COMPLETED')
  })

  it('rejected → PUSH_CONFIRMATION_REJECTED → cancelAuthentication → FAILED', async () => {
    const { b, href } = await toPush({ type: 'push', approveAfterPolls: 1, outcome: 'reject' })
    const rejected = await b.read(href)
    expect(rejected.body.status).toBe('PUSH_CONFIRMATION_REJECTED')
    expect(Object.keys(rejected.body._links).sort()).toEqual(['cancelAuthentication', 'self'])
    const failed = await b.act(href, 'cancelAuthentication')
    expect(failed.body).toMatchObject({ status: 'FAILED', code: 'access_denied' })
    expect((await b.read(href)).res.status).toBe(404)
  })

  it('timed out → selectDevice restarts the wait; a wrong device is INVALID_DEVICE', async () => {
    const { b, href } = await toPush({ type: 'push', approveAfterPolls: 1, outcome: 'timeout' })
    const timedOut = await b.act(href, 'poll')
    expect(timedOut.body).toMatchObject({
      status: 'PUSH_CONFIRMATION_TIMED_OUT',
      devices: [{ id: 'push-joe' }],
    })
    const wrong = await b.act(href, 'selectDevice', { deviceRef: { id: 'other' } })
    expect(wrong.body.details[0]).toMatchObject({ code: 'INVALID_DEVICE', target: 'deviceRef.id' })
    const noRef = await b.act(href, 'selectDevice', {})
    expect(noRef.body.details[0]).toMatchObject({ code: 'FIELD_REQUIRED', target: 'deviceRef' })
    const retry = await b.act(href, 'selectDevice', { deviceRef: { id: 'push-joe' } })
    expect(retry.body.status).toBe('PUSH_CONFIRMATION_WAITING')
  })

  it("outcome 'never' keeps waiting; cancelAuthentication ends it", async () => {
    const { b, href } = await toPush({ type: 'push', approveAfterPolls: 1, outcome: 'never' })
    for (let i = 0; i < 5; i++) expect((await b.read(href)).body.status).toBe('PUSH_CONFIRMATION_WAITING')
    expect((await b.act(href, 'cancelAuthentication')).body.status).toBe('FAILED')
  })

  it('only applies to the listed users', async () => {
    const { waiting } = await toPush({ type: 'push', users: ['ann'] }, 'joe')
    expect(waiting.body.status).toBe('COMPLETED')
  })

  it('cancels into COMPLETED with an error under failureStyle COMPLETED_WITH_ERROR', async () => {
    const emu = emulator({ mfa: { type: 'push', outcome: 'never' }, failureStyle: 'COMPLETED_WITH_ERROR' })
    const b = browser(emu)
    const first = await b.authorize((await demoParams()).params)
    await b.act(self(first), 'checkUsernamePassword', { username: 'joe', password: DEMO.password })
    const done = await b.act(self(first), 'cancelAuthentication')
    expect(done.body).toMatchObject({
      status: 'COMPLETED',
      authorizeResponse: { error: 'access_denied', error_description: expect.any(String), state: 'st-123' },
    })
  })
})
