/**
 * Browser helpers for PingOne's FIDO2 step (`ASSERTION_REQUIRED` → `assertion.check`): convert the
 * request options for `navigator.credentials.get()`, and its result into the `assertion` string.
 *
 * @example
 * ```ts
 * import { getAssertion } from '@redirectless/pingone/webauthn'
 * const assertion = await getAssertion(flow.state.publicKeyCredentialRequestOptions, { signal })
 * await flow.submit('assertion.check', { origin: location.origin, assertion })
 * ```
 * @module
 */
export type { PingOneCredentialDescriptor, PingOneCredentialRequestOptions } from '../states/mfa.js'
export { type AssertionCredentialLike, type ToAssertionOptions, toAssertion } from './assertion.js'
export type { BinaryEncoding } from './bytes.js'
export { type GetAssertionOptions, getAssertion } from './get-assertion.js'
export { toCredentialRequestOptions } from './request-options.js'
