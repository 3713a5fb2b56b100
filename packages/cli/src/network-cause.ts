// Why a host could not be reached, in words. fetch says only "fetch failed"; the reason is a
// system or TLS error code on its `cause` (Node's undici), which the library keeps on the
// NETWORK_ERROR's `cause` and puts in parentheses at the end of its message.
const WORDS: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  EPIPE: 'connection closed',
  UND_ERR_SOCKET: 'connection closed',
  UND_ERR_CLOSED: 'connection closed',
  ETIMEDOUT: 'connection timed out',
  UND_ERR_CONNECT_TIMEOUT: 'connection timed out',
  ENOTFOUND: 'no such host',
  EAI_AGAIN: 'the DNS lookup failed',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  EADDRNOTAVAIL: 'address not available',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'its TLS certificate is self-signed',
  SELF_SIGNED_CERT_IN_CHAIN: 'its TLS certificate chain is not trusted',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'its TLS certificate chain is not trusted',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'its TLS certificate chain is not trusted',
  CERT_HAS_EXPIRED: 'its TLS certificate has expired',
  ERR_TLS_CERT_ALTNAME_INVALID: 'its TLS certificate is for another host name',
  ERR_SSL_WRONG_VERSION_NUMBER: 'no TLS on that port',
  ERR_SSL_PACKET_LENGTH_TOO_LONG: 'no TLS on that port',
  EPROTO: 'the TLS handshake failed',
}

// Only codes are ever read off a cause, never its free text (which could quote anything a custom
// fetch put there); the one message recognised is undici's, for ports fetch never connects to.
const CODE = /^[A-Z][A-Z0-9_]{1,63}$/
const TRAILING_CODE = / \(([A-Z][A-Z0-9_]{1,63})\)$/

interface CauseLike {
  readonly code?: unknown
  readonly message?: unknown
  readonly cause?: CauseLike
  readonly errors?: readonly CauseLike[]
}

/** The error code on a fetch failure's cause chain (the first of an AggregateError's errors). */
function codeOf(cause: CauseLike | undefined, depth = 0): string | undefined {
  if (!cause || typeof cause !== 'object' || depth > 3) return undefined
  if (typeof cause.code === 'string' && CODE.test(cause.code)) return cause.code
  if (cause.message === 'bad port') return 'BAD_PORT'
  return codeOf(cause.errors?.[0], depth + 1) ?? codeOf(cause.cause, depth + 1)
}

/** The port of the first URL in `text`, if it names one. */
function portIn(text: string): string | undefined {
  const href = /https?:\/\/\S+/.exec(text)?.[0]
  try {
    return href ? new URL(href).port || undefined : undefined
  } catch {
    return undefined
  }
}

/** The words for a code: known ones explained (with the code), others as the bare code. */
function words(code: string, text: string): string {
  if (code === 'BAD_PORT') return `fetch blocks port ${portIn(text) ?? 'this'}: it never connects there`
  const known = WORDS[code]
  return known ? `${known}, ${code}` : code
}

/**
 * The code of a fetch failure (`ECONNREFUSED`, `ENOTFOUND`, `CERT_HAS_EXPIRED`, …, or `BAD_PORT`
 * for a port fetch refuses), read from its cause chain; undefined when it names none.
 */
export function fetchFailureCode(error: unknown): string | undefined {
  return codeOf(error as CauseLike | undefined)
}

/**
 * Rewrites a NETWORK_ERROR's message so it says why the host was out of reach: "Could not reach
 * http://127.0.0.1:8 (connection refused, ECONNREFUSED)", and returns the code. The reason comes
 * from the error's `cause` (the fetch failure), or else from the code the library put at the end of
 * the message. Nothing but codes and fixed words is added: nothing a server or a fetch said.
 */
export function explainNetworkError(
  message: string,
  cause?: unknown,
): { readonly message: string; readonly code?: string } {
  const trailing = TRAILING_CODE.exec(message)
  const bare = trailing ? message.slice(0, trailing.index) : message
  const code = codeOf(cause as CauseLike | undefined) ?? trailing?.[1]
  if (code === undefined) return { message }
  return { message: `${bare} (${words(code, bare)})`, code }
}
