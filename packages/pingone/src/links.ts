/**
 * PingOne action names are `noun.verb` media-type suffixes (`otp.check`,
 * `deviceAuthGrant.userCode.verify`): dotted camelCase words. Its other links are not: `self`, and
 * pages on another origin such as the hosted `signOnPage`.
 */
const ACTION_NAME = /^[a-z][A-Za-z0-9]*(?:\.[a-z][A-Za-z0-9]*)+$/

/**
 * Whether a `_links` key of a PingOne flow names an action a client can submit. `signOnPage` and
 * `self` do not: posting to the hosted sign-on page would only ever be refused (`UNTRUSTED_LINK`).
 * `flow.actions`, `flow.can()` and the hybrid machine's `actions` all follow this rule.
 *
 * @example
 * ```ts
 * isPingOneAction('otp.check') // true
 * isPingOneAction('signOnPage') // false
 * ```
 */
export function isPingOneAction(name: string): boolean {
  return ACTION_NAME.test(name)
}
