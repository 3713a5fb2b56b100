/**
 * What the page needs to know to sign a user in, served by the example's backend as `/config.json`:
 * public values only (two public clients, URLs). Secrets never come this way.
 */
export interface SpaConfig {
  readonly pingFederate: { readonly baseUrl: string; readonly clientId: string }
  readonly pingOne: {
    readonly authBaseUrl: string
    readonly environmentId: string
    /** A public PingOne application: `tokenEndpointAuthMethod: NONE`, PKCE. */
    readonly clientId: string
    /** The MFA-only sign-on policy. */
    readonly acrValues: string
  }
  /** The backend route that turns a PingFederate id_token into a `login_hint_token` (same origin). */
  readonly loginHintUrl: string
}

/** Reads `/config.json`, refusing anything that does not have the shape above. */
export async function loadConfig(url = '/config.json'): Promise<SpaConfig> {
  const response = await fetch(url, { headers: { accept: 'application/json' } })
  if (!response.ok) throw new Error(`The configuration could not be loaded (HTTP ${response.status})`)
  const config = (await response.json()) as Partial<SpaConfig> | null
  if (
    typeof config?.pingFederate?.baseUrl !== 'string' ||
    typeof config.pingOne?.authBaseUrl !== 'string' ||
    typeof config.loginHintUrl !== 'string'
  ) {
    throw new Error('The configuration is incomplete')
  }
  return config as SpaConfig
}
