import { ErrorCodes, RedirectlessError } from '@redirectless/core'
import { createHybridLoginMachine, type LoginHintInput } from '@redirectless/orchestrator'
import { createPingFederateClient } from '@redirectless/pingfederate'
import { createPingOneClient } from '@redirectless/pingone'
import type { SpaConfig } from './config.js'

/**
 * The hybrid login as this page runs it: both clients are public (PKCE, no secret) and talk to
 * PingFederate and PingOne straight from the browser, whose own cookies carry each flow
 * (`credentials: 'include'`, the browser entries' default). Only the `login_hint_token` comes from
 * the page's backend, which holds the issuer application's secret.
 */
export function createSpaLoginMachine(config: SpaConfig) {
  return createHybridLoginMachine({
    pingFederate: createPingFederateClient({
      baseUrl: config.pingFederate.baseUrl,
      clientId: config.pingFederate.clientId,
    }),
    pingOne: createPingOneClient({
      authBaseUrl: config.pingOne.authBaseUrl,
      environmentId: config.pingOne.environmentId,
      clientId: config.pingOne.clientId,
    }),
    loginHintToken: (input, { signal }) => fetchLoginHintToken(config.loginHintUrl, input, signal),
    pingOneParams: { acrValues: config.pingOne.acrValues },
  })
}

/** The machine this page drives. */
export type SpaLoginMachine = ReturnType<typeof createSpaLoginMachine>

/**
 * `POST {url}` `{ "id_token": … }` → `{ "login_hint_token": … }` (docs/hybrid-login.md): the backend
 * checks PingFederate's id_token before it vouches for its `sub`.
 */
async function fetchLoginHintToken(url: string, input: LoginHintInput, signal: AbortSignal): Promise<string> {
  const idToken = input.pingFederate.tokens.id_token
  if (typeof idToken !== 'string') {
    throw new RedirectlessError(ErrorCodes.CALLBACK_FAILED, 'PingFederate returned no id_token to vouch for')
  }
  let response: Response
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ id_token: idToken }),
      credentials: 'same-origin',
      signal,
    })
  } catch {
    if (signal.aborted) throw new RedirectlessError(ErrorCodes.ABORTED, 'The login-hint request was aborted')
    throw new RedirectlessError(ErrorCodes.NETWORK_ERROR, 'Could not reach the login-hint backend')
  }
  const body = (await response.json().catch(() => undefined)) as { login_hint_token?: unknown } | undefined
  if (!response.ok || typeof body?.login_hint_token !== 'string') {
    throw new RedirectlessError(
      ErrorCodes.CALLBACK_FAILED,
      `The login-hint backend refused (HTTP ${response.status})`,
      { status: response.status },
    )
  }
  return body.login_hint_token
}
