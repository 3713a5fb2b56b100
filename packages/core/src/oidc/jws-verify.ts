import { decodeBase64url, decodeJsonSegment } from './base64url.js'

/** A public key as a JWKS lists it (RFC 7517). */
export interface PublicJwk {
  readonly kty: string
  readonly kid?: string | undefined
  readonly use?: string | undefined
  readonly alg?: string | undefined
  readonly key_ops?: readonly string[] | undefined
  readonly crv?: string | undefined
  readonly [parameter: string]: unknown
}

/** A JSON Web Key Set: `{ keys: [...] }`. */
export interface PublicJwks {
  readonly keys: readonly PublicJwk[]
}

/** The protected header of a JWS, as far as key selection needs it. */
export interface JwsHeader {
  readonly alg: string
  readonly kid?: string | undefined
  readonly [parameter: string]: unknown
}

/**
 * The issuer's keys for a token: a JWKS, or a function that finds the candidates for a header (so
 * it can fetch the JWKS again when a key rotated).
 */
export type VerificationKeys =
  | PublicJwks
  | ((header: JwsHeader) => Promise<readonly PublicJwk[]> | readonly PublicJwk[])

/** Why a JWS was refused; the id_token check turns it into a sentence. */
export type JwsFailure = 'malformed' | 'algorithm' | 'no-key' | 'signature'

export class JwsError extends Error {
  constructor(readonly reason: JwsFailure) {
    super(reason)
  }
}

interface AlgorithmSpec {
  readonly kty: 'RSA' | 'EC' | 'OKP'
  readonly crv?: string
  readonly importAs: RsaHashedImportParams | EcKeyImportParams | Algorithm
  readonly verifyAs: Algorithm | RsaPssParams | EcdsaParams
}

/**
 * The WebCrypto parameters of the asymmetric algorithms verified everywhere we run (RS*, PS*, ES*
 * with SHA-256/384/512, EdDSA over Ed25519); undefined for anything else: `none`, HS*, unknown.
 */
function specOf(alg: string): AlgorithmSpec | undefined {
  if (alg === 'EdDSA')
    return { kty: 'OKP', crv: 'Ed25519', importAs: { name: 'Ed25519' }, verifyAs: { name: 'Ed25519' } }
  const match = /^(RS|PS|ES)(256|384|512)$/.exec(alg)
  if (!match) return undefined
  const bits = Number(match[2])
  const hash = `SHA-${bits}`
  if (match[1] === 'ES') {
    const crv = bits === 512 ? 'P-521' : `P-${bits}`
    return { kty: 'EC', crv, importAs: { name: 'ECDSA', namedCurve: crv }, verifyAs: { name: 'ECDSA', hash } }
  }
  // RFC 7518 §3.5: PSS salt as long as the hash.
  const name = match[1] === 'RS' ? 'RSASSA-PKCS1-v1_5' : 'RSA-PSS'
  return { kty: 'RSA', importAs: { name, hash }, verifyAs: { name, saltLength: bits / 8 } as RsaPssParams }
}

/** The keys of a JWKS that may verify `header`: same family and curve, for signing, same `kid`. */
export function candidateKeys(keys: readonly PublicJwk[], header: JwsHeader): PublicJwk[] {
  const spec = specOf(header.alg)
  if (!spec) return []
  return keys.filter(
    (jwk) =>
      !!jwk &&
      jwk.kty === spec.kty &&
      (spec.crv === undefined || jwk.crv === spec.crv) &&
      (jwk.use === undefined || jwk.use === 'sig') &&
      (jwk.alg === undefined || jwk.alg === header.alg) &&
      (!Array.isArray(jwk.key_ops) || jwk.key_ops.includes('verify')) &&
      (header.kid === undefined || jwk.kid === header.kid),
  )
}

// Imported keys are cached per JWK object: a JWKS is parsed once and reused for every token.
const imported = new WeakMap<object, Map<string, Promise<CryptoKey | undefined>>>()

function importKey(jwk: PublicJwk, alg: string, spec: AlgorithmSpec): Promise<CryptoKey | undefined> {
  let byAlg = imported.get(jwk)
  if (!byAlg) {
    byAlg = new Map()
    imported.set(jwk, byAlg)
  }
  let key = byAlg.get(alg)
  if (!key) {
    // Only the public members: a JWKS that leaks `d` must not turn into a private key here.
    const { kty, crv, n, e, x, y } = jwk as Record<string, string | undefined>
    const material = { kty, crv, n, e, x, y, ext: true }
    key = crypto.subtle.importKey('jwk', material as JsonWebKey, spec.importAs, false, ['verify']).then(
      (k) => {
        const bits = (k.algorithm as RsaHashedKeyAlgorithm).modulusLength
        // RFC 7518 §3.3: RSA keys of at least 2048 bits.
        return spec.kty === 'RSA' && !(bits >= 2048) ? undefined : k
      },
      () => undefined,
    )
    byAlg.set(alg, key)
  }
  return key
}

/**
 * Verifies a compact JWS with WebCrypto and returns its header and JSON payload. Only the
 * algorithms in `algorithms` are accepted; a `crit` header is refused (we implement no extension).
 */
export async function verifyCompactJws(
  token: string,
  keys: VerificationKeys,
  algorithms: readonly string[],
): Promise<{ header: JwsHeader; payload: Record<string, unknown> }> {
  const parts = token.split('.')
  if (parts.length !== 3) throw new JwsError('malformed')
  const [head = '', body = '', sig = ''] = parts
  const header = decodeJsonSegment(head)
  const payload = decodeJsonSegment(body)
  const signature = decodeBase64url(sig)
  if (!header || !payload || !signature) throw new JwsError('malformed')
  const { alg, kid } = header
  if (typeof alg !== 'string' || (kid !== undefined && typeof kid !== 'string') || 'crit' in header)
    throw new JwsError('malformed')
  const spec = specOf(alg)
  if (!spec || !algorithms.includes(alg)) throw new JwsError('algorithm')
  const jwsHeader = header as JwsHeader
  const candidates =
    typeof keys === 'function' ? await keys(jwsHeader) : candidateKeys(keys.keys ?? [], jwsHeader)
  if (candidates.length === 0) throw new JwsError('no-key')
  const signed = new TextEncoder().encode(`${head}.${body}`)
  for (const jwk of candidates) {
    const key = await importKey(jwk, alg, spec)
    if (key && (await crypto.subtle.verify(spec.verifyAs, key, signature, signed).catch(() => false)))
      return { header: jwsHeader, payload }
  }
  throw new JwsError('signature')
}
