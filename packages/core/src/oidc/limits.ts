// What a verifier reads at most: an issuer's answers are bounded before any parsing or key import.

/**
 * The longest id_token accepted, in characters (a compact JWS is ASCII, so bytes too). Real ones
 * are 1 to 3 kB; a larger one is refused before it is split, decoded or its key looked up.
 */
export const MAX_ID_TOKEN_LENGTH = 16 * 1024

/**
 * The largest JWKS answer accepted, in UTF-8 bytes. Issuers publish a few keys (PingFederate and
 * PingOne a handful of RSA/EC keys, a few kB); a larger set is refused before a key is read.
 */
export const MAX_JWKS_BYTES = 64 * 1024

/** The most keys a JWKS may list: enough for every rotation an issuer does, few enough to bound the work. */
export const MAX_JWKS_KEYS = 100
