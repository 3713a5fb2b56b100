import type { JWTVerifyGetKey } from 'jose/jwt/verify'
import { ErrorCodes } from '../errors/codes.js'
import { RedirectlessError } from '../errors/redirectless-error.js'
import { errorFromResponse } from '../http/response-errors.js'
import type { Transport } from '../http/transport.js'
import type { CallOptions } from '../http/types.js'
import type { PublicJwks } from './jwks.js'
import { MAX_JWKS_BYTES, MAX_JWKS_KEYS } from './limits.js'
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
  // One jose key set per JWKS fetch: its imported keys serve every token until the next fetch.
  #jwks: { at: number; keys: Promise<JWTVerifyGetKey> } | undefined

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

  /** The issuer this client expects; discovery must confirm it, and every id_token must name it. */
  get issuer(): string {
    return this.#expectedIssuer
  }

  /** The discovery document, fetched once; a failed fetch is not cached, so the next call retries. */
  metadata(options: CallOptions = {}): Promise<ProviderMetadata> {
    if (!this.#metadata) {
      this.#metadata = this.#loadMetadata(options)
      this.#metadata.catch(() => {
        this.#metadata = undefined
      })
    }
    return this.#metadata
  }

  /**
   * A jose key resolver (`JWTVerifyGetKey`) over the issuer's JWKS, fetched through the transport.
   * When no key matches a token's header (a rotated key), it fetches the JWKS once more, at most
   * once every 30 s; a failed fetch rejects with its coded {@link RedirectlessError}.
   */
  async keyResolver(options: CallOptions = {}): Promise<JWTVerifyGetKey> {
    const current = await this.#keys(options, false)
    return async (header, token) => {
      try {
        return await current(header, token)
      } catch (error) {
        // jose's JWKSNoMatchingKey, by its stable code: jose's error classes load with the verifier.
        if ((error as { code?: unknown } | undefined)?.code !== 'ERR_JWKS_NO_MATCHING_KEY') throw error
        return (await this.#keys(options, true))(header, token)
      }
    }
  }

  #keys(options: CallOptions, refresh: boolean): Promise<JWTVerifyGetKey> {
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

  async #loadJwks(options: CallOptions): Promise<JWTVerifyGetKey> {
    const { jwks_uri } = await this.metadata(options)
    const response = await this.#transport.send(
      { method: 'GET', url: jwks_uri },
      { ...options, credentials: 'omit' },
    )
    if (response.status !== 200)
      throw errorFromResponse(response, { operation: 'JWKS', clientErrorCode: ErrorCodes.INVALID_RESPONSE })
    // Checked on the text the transport read, before a member of the set is looked at.
    if (utf8Length(response.text, MAX_JWKS_BYTES) > MAX_JWKS_BYTES)
      throw new RedirectlessError(
        ErrorCodes.INVALID_RESPONSE,
        `The JWKS is larger than ${MAX_JWKS_BYTES / 1024} KiB`,
      )
    const jwks = response.json as PublicJwks | undefined
    if (!jwks || !Array.isArray(jwks.keys))
      throw new RedirectlessError(ErrorCodes.INVALID_RESPONSE, 'The JWKS has no keys array')
    if (jwks.keys.length > MAX_JWKS_KEYS)
      throw new RedirectlessError(
        ErrorCodes.INVALID_RESPONSE,
        `The JWKS lists more than ${MAX_JWKS_KEYS} keys`,
      )
    // jose loads with the first JWKS: a flow needs keys only once it completes.
    const { publicKeySet } = await import('./jwks.js')
    try {
      return publicKeySet(jwks, MAX_JWKS_KEYS)
    } catch {
      // jose refuses a set it cannot copy; parsed JSON always copies, so this is a guard, not a path.
      throw new RedirectlessError(ErrorCodes.INVALID_RESPONSE, 'The JWKS is malformed')
    }
  }
}

/**
 * The UTF-8 length of `text`, or a number past `limit` without encoding it when it is longer than
 * `limit` UTF-16 units (which are at least one byte each): only a bounded text is ever encoded.
 */
function utf8Length(text: string, limit: number): number {
  return text.length > limit ? text.length : new TextEncoder().encode(text).byteLength
}
