// Things that look like credentials are cut out of any text we put into an error. The patterns are
// deliberately broad: a false positive costs a less useful message, a false negative leaks a secret.
const JWT = /\beyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*/g
const BEARER = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi
const SECRET_PARAM =
  /\b(password|passcode|otp|secret|client_secret|code|code_verifier|token|access_token|id_token|refresh_token|login_hint_token|request|assertion|cookie|set-cookie|authorization|st|pf)=([^&\s;,"']+)/gi
const SECRET_JSON =
  /("(?:password|newPassword|currentPassword|existingPassword|otp|passcode|secret|clientSecret|client_secret|code|codeVerifier|code_verifier|token|access_token|id_token|refresh_token|assertion|cookie)"\s*:\s*)"(?:[^"\\]|\\.)*"/gi

/** Values shorter than this are not masked by value: "1" or "no" would blot out every message. */
export const MIN_REDACTED_LENGTH = 4

/**
 * Replaces anything that looks like a token, credential or cookie value in `text`, and every
 * occurrence of each of `values` (what a flow sent or received: a password, an OTP, a code),
 * whatever it looks like (ARCHITECTURE invariant 10).
 */
export function redactText(text: string, values?: Iterable<string>): string {
  let out = text
  if (values) {
    for (const value of values) {
      if (value.length >= MIN_REDACTED_LENGTH && out.includes(value))
        out = out.split(value).join('[redacted]')
    }
  }
  return out
    .replace(JWT, '[redacted-jwt]')
    .replace(BEARER, '$1 [redacted]')
    .replace(SECRET_PARAM, '$1=[redacted]')
    .replace(SECRET_JSON, '$1"[redacted]"')
}

/** A URL safe to show: origin and path, never the query (which may carry a code, a JWT or a state). */
export function displayUrl(url: string | URL): string {
  try {
    const u = new URL(url)
    return `${u.origin}${u.pathname}`
  } catch {
    return '[unparseable url]'
  }
}
