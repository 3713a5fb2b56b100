import { displayUrl, ErrorCodes, type FetchLike, RedirectlessError } from '@redirectless/core'
import type { LoginHintInput } from '@redirectless/orchestrator'

/**
 * A `loginHintToken` callback that asks the application's backend for the token, as a native app
 * or SPA does, by the contract docs/hybrid-login.md states: `POST {url}` with
 * `{ "id_token": <PingFederate's id_token> }`, answered by `{ "login_hint_token": … }`. The backend
 * validates the id_token and vouches only for its `sub`. Redirects are refused, never followed.
 */
export function loginHintFromUrl(url: URL, fetch: FetchLike, timeoutMs = 15_000) {
  const where = displayUrl(url)
  return async (input: LoginHintInput, options: { readonly signal: AbortSignal }): Promise<string> => {
    const idToken = input.pingFederate.tokens.id_token
    if (typeof idToken !== 'string' || idToken === '')
      throw new RedirectlessError(
        ErrorCodes.INVALID_RESPONSE,
        'PingFederate returned no id_token for the login-hint backend to check (is "openid" in --pf-scope?)',
      )
    const timeout = AbortSignal.timeout(timeoutMs)
    let response: Response
    try {
      response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ id_token: idToken }),
        redirect: 'manual',
        signal: AbortSignal.any([options.signal, timeout]),
      })
    } catch (error) {
      if (options.signal.aborted)
        throw new RedirectlessError(ErrorCodes.ABORTED, `The call to ${where} was aborted`)
      if (timeout.aborted)
        throw new RedirectlessError(
          ErrorCodes.TIMEOUT,
          `The login-hint backend ${where} did not answer in time`,
        )
      const code = (error as { cause?: { code?: string } }).cause?.code
      throw new RedirectlessError(
        ErrorCodes.NETWORK_ERROR,
        `Could not reach the login-hint backend ${where}${code ? ` (${code})` : ''}`,
        { cause: error },
      )
    }
    if (response.status >= 300 && response.status < 400)
      throw new RedirectlessError(
        ErrorCodes.UNEXPECTED_REDIRECT,
        `The login-hint backend ${where} redirected`,
        {
          status: response.status,
        },
      )
    if (!response.ok)
      throw new RedirectlessError(
        ErrorCodes.CALLBACK_FAILED,
        `The login-hint backend ${where} answered HTTP ${response.status}`,
        { status: response.status },
      )
    const body = (await response.json().catch(() => undefined)) as { login_hint_token?: unknown } | undefined
    const token = body?.login_hint_token
    if (typeof token !== 'string' || token === '')
      throw new RedirectlessError(
        ErrorCodes.INVALID_RESPONSE,
        `The login-hint backend ${where} answered without a login_hint_token`,
      )
    return token
  }
}
