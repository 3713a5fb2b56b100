import { Secret } from './secret.js'

/**
 * A `SUBMIT` event whose body (a password, an OTP) is wrapped so that it never shows in xstate
 * inspection events, devtools or logs, and is never persisted.
 *
 * @example
 * ```ts
 * actor.send(submitEvent('checkUsernamePassword', { username, password }))
 * ```
 */
export function submitEvent(action: string, body?: unknown) {
  return { type: 'SUBMIT' as const, action, body: new Secret(body, { transient: true }) }
}
