import { ErrorCodes, RedirectlessError } from '@redirectless/core'
import type { PingOneCredentialRequestOptions } from '../states/mfa.js'
import { type ToAssertionOptions, toAssertion } from './assertion.js'
import { invalid } from './bytes.js'
import { toCredentialRequestOptions } from './request-options.js'

/** Options of {@link getAssertion}. */
export interface GetAssertionOptions extends ToAssertionOptions {
  /** Stops the ceremony; the promise then rejects with `ABORTED` (or `TIMEOUT`). */
  readonly signal?: AbortSignal | undefined
  /** The credentials container; default `navigator.credentials`. */
  readonly credentials?: Pick<CredentialsContainer, 'get'> | undefined
}

/**
 * Runs the WebAuthn ceremony for an `ASSERTION_REQUIRED` state and returns the `assertion` string
 * for `assertion.check`. A cancelled or refused ceremony rejects with `ABORTED`.
 *
 * @example
 * ```ts
 * if (flow.state.status === 'ASSERTION_REQUIRED') {
 *   const assertion = await getAssertion(flow.state.publicKeyCredentialRequestOptions)
 *   await flow.submit('assertion.check', { origin: location.origin, assertion })
 * }
 * ```
 */
export async function getAssertion(
  publicKeyCredentialRequestOptions: string | PingOneCredentialRequestOptions,
  options: GetAssertionOptions = {},
): Promise<string> {
  const publicKey = toCredentialRequestOptions(publicKeyCredentialRequestOptions)
  const container =
    options.credentials ??
    (globalThis as { navigator?: { credentials?: CredentialsContainer } }).navigator?.credentials
  if (!container || typeof container.get !== 'function') {
    throw invalid('WebAuthn is not available here: pass options.credentials or run in a browser')
  }
  const { signal } = options
  if (signal?.aborted) throw abortError(signal)
  let credential: Credential | null
  try {
    credential = await container.get({ publicKey, ...(signal && { signal }) })
  } catch (error) {
    throw ceremonyError(error, signal)
  }
  if (!credential)
    throw new RedirectlessError(ErrorCodes.ABORTED, 'The WebAuthn ceremony returned no credential')
  return toAssertion(credential, options)
}

function abortError(signal: AbortSignal): RedirectlessError {
  const timedOut = (signal.reason as { name?: string } | undefined)?.name === 'TimeoutError'
  return timedOut
    ? new RedirectlessError(ErrorCodes.TIMEOUT, 'The WebAuthn ceremony timed out')
    : new RedirectlessError(ErrorCodes.ABORTED, 'The WebAuthn ceremony was aborted')
}

function ceremonyError(error: unknown, signal: AbortSignal | undefined): RedirectlessError {
  if (signal?.aborted) return abortError(signal)
  const name = (error as { name?: string } | undefined)?.name
  // NotAllowedError covers "the user cancelled" and "the browser's own timeout ran out".
  if (name === 'NotAllowedError' || name === 'AbortError') {
    return new RedirectlessError(
      ErrorCodes.ABORTED,
      `The WebAuthn ceremony was cancelled or refused (${name})`,
      {
        cause: error,
      },
    )
  }
  return new RedirectlessError(
    ErrorCodes.INVALID_RESPONSE,
    `The authenticator could not answer the request options${name ? ` (${name})` : ''}`,
    { cause: error },
  )
}
