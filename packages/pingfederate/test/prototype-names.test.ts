import { describe, expect, it } from 'vitest'
import { defaultBodyText } from '../src/actions.js'
import {
  buildActionRequest,
  cancelActionFor,
  type PingFederateDialectOptions,
  pollStepFor,
} from '../src/dialect.js'
import { CONTINUE_ACTIONS, type PingFederateState } from '../src/index.js'

// Invariant 12 in the dialect: its tables are indexed by a status or an action id that came from a
// server or a saved flow, so a prototype name must find nothing there.

const PROTOTYPE_NAMES = ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf'] as const
const state = (status: string, links: Record<string, unknown> = {}) =>
  ({ status, _links: links }) as unknown as PingFederateState
const options: PingFederateDialectOptions = {
  xsrfHeaderValue: 'PingFederate',
  useActionParam: false,
  stateHeaderName: undefined,
  complete: () => Promise.reject(new Error('not here')),
}
const href = new URL('https://sso.example.com/pf-ws/authn/flows/Ab1C2')

describe('the PingFederate dialect finds nothing under a prototype name', () => {
  it.each(PROTOTYPE_NAMES)('status %s: no poll step, no continue action', (name) => {
    expect(pollStepFor(state(name))).toBeUndefined()
    expect((CONTINUE_ACTIONS as Record<string, unknown>)[name]).toBeUndefined()
    expect(Object.isFrozen(CONTINUE_ACTIONS)).toBe(true)
  })

  it.each(PROTOTYPE_NAMES)('status or action %s: the default body is none', (name) => {
    expect(defaultBodyText(name, 'continue')).toBeUndefined()
    expect(defaultBodyText('LINK_COMPLETED', name)).toBeUndefined()
    expect(defaultBodyText(name, name)).toBeUndefined()
  })

  it('keeps the per-status default bodies', () => {
    expect(defaultBodyText('LINK_COMPLETED', 'continue')).toBe('{}')
    expect(defaultBodyText('DEVICE_PROFILE_REQUIRED', 'continueAuthentication')).toBe('{}')
    expect(defaultBodyText('MFA_COMPLETED', 'continueAuthentication')).toBeUndefined()
    expect(defaultBodyText('EMAIL_VERIFICATION_REQUIRED', 'poll')).toBeUndefined()
    expect(defaultBodyText('ID_VERIFICATION_REQUIRED', 'poll')).toBe('{}')
    expect(buildActionRequest(options, 'LINK_COMPLETED', 'continue', undefined, href).body).toBe('{}')
  })

  it('names a cancel action only from the state’s own links', () => {
    const inherited = Object.create({ cancelAuthentication: { href: href.href } }) as Record<string, unknown>
    expect(cancelActionFor(state('OTP_REQUIRED', inherited))).toBeUndefined()
    expect(cancelActionFor(state('OTP_REQUIRED', { cancel: { href: href.href } }))).toBe('cancel')
  })
})
