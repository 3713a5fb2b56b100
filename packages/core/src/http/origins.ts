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
    this.#base = parseAbsolute(baseUrl, 'baseUrl')
    this.#trusted = new Set([
      this.#base.origin,
      ...trustedOrigins.map((o) => parseAbsolute(o, 'trustedOrigins').origin),
    ])
  }

  get baseUrl(): URL {
    return new URL(this.#base)
  }

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

function parseAbsolute(value: string | URL, name: string): URL {
  try {
    const url = new URL(value)
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new TypeError('scheme')
    return url
  } catch {
    throw new RedirectlessError(ErrorCodes.INVALID_ARGUMENT, `${name} must be an absolute http(s) URL`)
  }
}
