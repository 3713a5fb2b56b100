import { ErrorCodes } from '../errors/codes.js'
import { displayUrl } from '../errors/redact.js'
import { RedirectlessError } from '../errors/redirectless-error.js'

/**
 * The origins a client may talk to, and the rule that maps a server-sent link onto them.
 * A link to any other origin is refused before anything is sent (invariant 2).
 */
export class OriginPolicy {
  readonly #base: URL
  readonly #trusted: ReadonlySet<string>

  constructor(baseUrl: string | URL, trustedOrigins: readonly string[] = []) {
    this.#base = checkHttpUrl(baseUrl, 'baseUrl')
    this.#trusted = new Set([
      this.#base.origin,
      ...trustedOrigins.map((o, i) => checkHttpUrl(o, `trustedOrigins[${i}]`).origin),
    ])
  }

  get baseUrl(): URL {
    return new URL(this.#base)
  }

  /** Whether requests may go to this URL's origin. */
  isTrusted(url: URL): boolean {
    return this.#trusted.has(url.origin)
  }

  /**
   * Resolves a link against the base URL, upgrades `http:` on a trusted host to the configured
   * scheme (TLS-terminating proxies write `http:` links), and refuses any other origin.
   */
  resolve(href: string | URL): URL {
    let url: URL
    try {
      url = new URL(href, this.#base)
    } catch {
      throw new RedirectlessError(ErrorCodes.INVALID_RESPONSE, 'The server sent a link that is not a URL')
    }
    if (url.protocol === 'http:' && this.#base.protocol === 'https:') {
      const upgraded = new URL(url)
      upgraded.protocol = 'https:'
      // A proxy either keeps the real port or drops it (default port 80): both mean the configured port.
      if (url.port === '' || url.port === this.#base.port) upgraded.port = this.#base.port
      if (this.isTrusted(upgraded)) url = upgraded
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      throw new RedirectlessError(ErrorCodes.UNTRUSTED_LINK, `Refusing a ${url.protocol} link`)
    }
    if (!this.isTrusted(url)) {
      throw new RedirectlessError(
        ErrorCodes.UNTRUSTED_LINK,
        `Refusing to follow a link to ${url.origin}: it is not ${this.#base.origin} or one of trustedOrigins (${displayUrl(url)})`,
      )
    }
    return url
  }
}

/** An http(s) URL with no query, fragment or credentials, or `INVALID_ARGUMENT` naming `name` (never the value). */
export function checkHttpUrl(value: unknown, name: string): URL {
  let url: URL | undefined
  try {
    url = new URL(value as string)
  } catch {}
  if (!url || (typeof value !== 'string' && !(value instanceof URL)) || !/^https?:$/.test(url.protocol))
    throw new RedirectlessError(ErrorCodes.INVALID_ARGUMENT, `${name} must be an absolute http(s) URL`)
  if (url.search || url.hash || url.username || url.password)
    throw new RedirectlessError(
      ErrorCodes.INVALID_ARGUMENT,
      `${name} must not carry a query, fragment or credentials`,
    )
  return url
}
