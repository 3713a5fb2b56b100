import type { CookieJarProvider } from './cookies/jar.js'
import type { FetchLike, RetryOptions } from './http/types.js'
import type { RandomBytes } from './oidc/random.js'
import type { TokenEndpointAuthMethod } from './oidc/types.js'

/** The options every product client takes, with the same meaning in each. */
export interface ClientOptionsBase {
  /** The OAuth client (application) id the flows run for. */
  readonly clientId: string
  /**
   * For confidential clients only, i.e. on a server (a backend-for-frontend). A secret in a browser
   * bundle or a mobile app is public: use `tokenEndpointAuthMethod: 'none'` with PKCE there.
   */
  readonly clientSecret?: string | undefined
  /** How the token request authenticates: `none` without a secret, `client_secret_basic` with one, by default. */
  readonly tokenEndpointAuthMethod?: TokenEndpointAuthMethod | undefined
  /** Optional in pi.flow mode; when set, it is sent at authorize and again at the token endpoint. */
  readonly redirectUri?: string | undefined
  /** Defaults to the global `fetch`; pass the emulator's `fetch` to run in-process. */
  readonly fetch?: FetchLike | undefined
  /** Milliseconds per call, retries included. Default 15 000. */
  readonly timeout?: number | undefined
  /** Retries of idempotent GETs (reads, polls, resume, discovery); POSTs are never retried. `false` turns them off. */
  readonly retry?: RetryOptions | number | false | undefined
  /** Other origins links and endpoints may point to; a link anywhere else is refused with `UNTRUSTED_LINK`. */
  readonly trustedOrigins?: readonly string[] | undefined
  /**
   * Where each flow keeps its cookies. The packages' Node entries default to a tough-cookie jar per
   * flow; other runtimes default to the platform's own cookies (`credentials: 'include'`).
   */
  readonly cookies?: CookieJarProvider | undefined
  /** Clock for id_token checks and poll deadlines, ms since the epoch. Default `Date.now`. */
  readonly now?: (() => number) | undefined
  /** Randomness for `state`, `nonce` and PKCE. Default `crypto.getRandomValues`. */
  readonly random?: RandomBytes | undefined
}
