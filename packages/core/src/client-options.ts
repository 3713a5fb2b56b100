import type { CookieJarProvider } from './cookies/jar.js'
import { ErrorCodes } from './errors/codes.js'
import { RedirectlessError } from './errors/redirectless-error.js'
import type { FetchLike, RetryOptions } from './http/types.js'
import type { RandomBytes } from './oidc/random.js'
import type { ClientPrivateKey, TokenEndpointAuthMethod } from './oidc/types.js'

/** The options every product client takes, with the same meaning in each. */
export interface ClientOptionsBase {
  /** The OAuth client (application) id the flows run for. */
  readonly clientId: string
  /**
   * For confidential clients only, i.e. on a server (a backend-for-frontend). A secret in a browser
   * bundle or a mobile app is public: use `tokenEndpointAuthMethod: 'none'` with PKCE there.
   */
  readonly clientSecret?: string | undefined
  /**
   * How the token request authenticates: `none` without a secret, `client_secret_basic` with one,
   * `private_key_jwt` with a `clientPrivateKey`, by default. `client_secret_jwt` signs an HS256
   * assertion with the secret (at least 32 bytes, as HS256 keys must be).
   */
  readonly tokenEndpointAuthMethod?: TokenEndpointAuthMethod | undefined
  /**
   * For `private_key_jwt` only, on a server: the key that signs the client's assertions (a
   * `CryptoKey`, or a private JWK). Like a secret, it never belongs in a browser bundle or an app.
   */
  readonly clientPrivateKey?: ClientPrivateKey | undefined
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

/** What {@link checkClientOptions} hands back: the shared options, checked, defaults filled in. */
export interface CheckedClientOptions {
  readonly clientId: string
  readonly clientSecret: string | undefined
  readonly authMethod: TokenEndpointAuthMethod
  readonly redirectUri: string | undefined
  readonly privateKey: ClientPrivateKey | undefined
}

const AUTH_METHODS: readonly string[] = [
  'none',
  'client_secret_basic',
  'client_secret_post',
  'client_secret_jwt',
  'private_key_jwt',
]
const SECRET_METHODS: readonly string[] = ['client_secret_basic', 'client_secret_post', 'client_secret_jwt']

const invalid = (message: string) => new RedirectlessError(ErrorCodes.INVALID_ARGUMENT, message)

/** A non-empty string, or `INVALID_ARGUMENT` naming `name` (never the value). */
export function requireNonEmpty(value: unknown, name: string): string {
  if (typeof value !== 'string' || value.trim() === '') throw invalid(`${name} must be a non-empty string`)
  return value
}

/**
 * Checks the options both clients share, the same way in each, and throws `INVALID_ARGUMENT`
 * naming the first bad one (never its value). A secret goes with a secret-based auth method and
 * only with one: a public client refusing a secret keeps it from being bundled by mistake.
 */
export function checkClientOptions(options: ClientOptionsBase): CheckedClientOptions {
  const clientId = requireNonEmpty(options.clientId, 'clientId')
  const clientSecret =
    options.clientSecret === undefined ? undefined : requireNonEmpty(options.clientSecret, 'clientSecret')
  // Checked in full where it signs (the Node entries): a browser entry refuses the method anyway.
  const privateKey = options.clientPrivateKey
  const authMethod =
    options.tokenEndpointAuthMethod ??
    (clientSecret ? 'client_secret_basic' : privateKey ? 'private_key_jwt' : 'none')
  if (!AUTH_METHODS.includes(authMethod))
    throw invalid(`tokenEndpointAuthMethod must be one of ${AUTH_METHODS.join(', ')}`)
  // Each method takes exactly its credential: one it does not use is refused, so it is not shipped
  // or kept by mistake (a public client's secret would be bundled).
  const method = `tokenEndpointAuthMethod ${authMethod}`
  const usesSecret = SECRET_METHODS.includes(authMethod)
  if (usesSecret !== !!clientSecret)
    throw invalid(`${method} ${usesSecret ? 'needs' : 'takes no'} clientSecret`)
  const usesKey = authMethod === 'private_key_jwt'
  if (usesKey !== !!privateKey) throw invalid(`${method} ${usesKey ? 'needs' : 'takes no'} clientPrivateKey`)
  if (authMethod === 'client_secret_jwt' && new TextEncoder().encode(clientSecret).length < 32)
    throw invalid(`${method} needs a clientSecret of 32 bytes or more`)
  let redirectUri: string | undefined
  if (options.redirectUri !== undefined) {
    redirectUri = requireNonEmpty(options.redirectUri, 'redirectUri')
    // Custom schemes (com.example.app:/callback) are fine; only the URI syntax is checked.
    try {
      new URL(redirectUri)
    } catch {
      throw invalid('redirectUri must be an absolute URI')
    }
  }
  for (const name of ['fetch', 'now', 'random'] as const) {
    if (options[name] !== undefined && typeof options[name] !== 'function')
      throw invalid(`${name} must be a function`)
  }
  if (options.trustedOrigins !== undefined) {
    // Each origin is checked where it is used, by the transport's OriginPolicy.
    if (!Array.isArray(options.trustedOrigins)) throw invalid('trustedOrigins must be a list of origins')
  }
  const cookies = options.cookies
  if (
    cookies !== undefined &&
    (typeof cookies?.create !== 'function' || typeof cookies.restore !== 'function')
  )
    throw invalid('cookies must be a cookie-jar provider (e.g. toughCookieJar or platformCookies)')
  return { clientId, clientSecret, authMethod, redirectUri, privateKey }
}
