import { ErrorCodes } from '../errors/codes.js'
import { RedirectlessError } from '../errors/redirectless-error.js'
import { errorFromResponse } from '../http/response-errors.js'
import type { Transport } from '../http/transport.js'
import type { CallOptions } from '../http/types.js'
import { candidateKeys, type JwsHeader, type PublicJwk, type PublicJwks } from './jws-verify.js'
import type { ProviderMetadata } from './types.js'

// A key we do not know makes us fetch the JWKS again (rotation), but not more often than this.
const JWKS_REFETCH_COOLDOWN_MS = 30_000

/**
 * Discovery document and JWKS of one issuer, fetched through the client's transport (so origin
 * pinning, timeouts and retries apply) and cached for the client's lifetime.
 */
export class ProviderKeys {
  readonly #transport: Transport
  readonly #discoveryUrl: string
  readonly #expectedIssuer: string
  readonly #now: () => number
  #metadata: Promise<ProviderMetadata> | undefined
  #jwks: { at: number; keys: Promise<PublicJwks> } | undefined

  constructor(
    transport: Transport,
    discoveryUrl: string,
    expectedIssuer: string,
    now: () => number = Date.now,
  ) {
    this.#transport = transport
    this.#discoveryUrl = discoveryUrl
    this.#expectedIssuer = expectedIssuer
    this.#now = now
  }

  get issuer(): string {
    return this.#expectedIssuer
  }

  metadata(options: CallOptions = {}): Promise<ProviderMetadata> {
    if (!this.#metadata) {
      this.#metadata = this.#loadMetadata(options)
      this.#metadata.catch(() => {
        this.#metadata = undefined
      })
    }
    return this.#metadata
  }

  /** Finds the keys for a token's header; meeting an unknown `kid`, it fetches the JWKS once more. */
  async keyResolver(options: CallOptions = {}): Promise<(header: JwsHeader) => Promise<PublicJwk[]>> {
    const current = await this.#keys(options, false)
    return async (header) => {
      const found = candidateKeys(current.keys, header)
      if (found.length > 0) return found
      return candidateKeys((await this.#keys(options, true)).keys, header)
    }
  }

  #keys(options: CallOptions, refresh: boolean): Promise<PublicJwks> {
    const cached = this.#jwks
    const stale = refresh && cached && this.#now() - cached.at > JWKS_REFETCH_COOLDOWN_MS
    if (!cached || stale) {
      const keys = this.#loadJwks(options)
      this.#jwks = { at: this.#now(), keys }
      keys.catch(() => {
        if (this.#jwks?.keys === keys) this.#jwks = undefined
      })
      return keys
    }
    return cached.keys
  }

  async #loadMetadata(options: CallOptions): Promise<ProviderMetadata> {
    const response = await this.#transport.send(
      { method: 'GET', url: this.#discoveryUrl },
      { ...options, credentials: 'omit' },
    )
    if (response.status !== 200)
      throw errorFromResponse(response, {
        operation: 'OpenID discovery',
        clientErrorCode: ErrorCodes.INVALID_RESPONSE,
      })
    const doc = response.json as Partial<ProviderMetadata> | undefined
    if (
      !doc ||
      typeof doc !== 'object' ||
      typeof doc.token_endpoint !== 'string' ||
      typeof doc.jwks_uri !== 'string'
    ) {
      throw new RedirectlessError(
        ErrorCodes.INVALID_RESPONSE,
        'The OpenID discovery document lacks token_endpoint or jwks_uri',
      )
    }
    if (doc.issuer !== this.#expectedIssuer) {
      throw new RedirectlessError(
        ErrorCodes.INVALID_RESPONSE,
        `The discovery document names issuer ${String(doc.issuer)}, expected ${this.#expectedIssuer}`,
      )
    }
    return doc as ProviderMetadata
  }

  async #loadJwks(options: CallOptions): Promise<PublicJwks> {
    const { jwks_uri } = await this.metadata(options)
    const response = await this.#transport.send(
      { method: 'GET', url: jwks_uri },
      { ...options, credentials: 'omit' },
    )
    if (response.status !== 200)
      throw errorFromResponse(response, { operation: 'JWKS', clientErrorCode: ErrorCodes.INVALID_RESPONSE })
    const jwks = response.json as PublicJwks | undefined
    if (!jwks || !Array.isArray(jwks.keys))
      throw new RedirectlessError(ErrorCodes.INVALID_RESPONSE, 'The JWKS has no keys array')
    // Entries that are not objects are skipped, as RFC 7517 §5 says to skip keys one cannot use.
    return {
      keys: jwks.keys.filter((key) => !!key && typeof key === 'object' && typeof key.kty === 'string'),
    }
  }
}
