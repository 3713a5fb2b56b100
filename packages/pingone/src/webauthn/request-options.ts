import type { PingOneCredentialRequestOptions } from '../states/mfa.js'
import { invalid, readBytes } from './bytes.js'

/**
 * Turns `publicKeyCredentialRequestOptions` of an `ASSERTION_REQUIRED` state (a JSON string or an
 * object; challenge and credential ids as byte arrays or base64url) into what
 * `navigator.credentials.get({ publicKey })` takes.
 *
 * @example
 * ```ts
 * const publicKey = toCredentialRequestOptions(flow.state.publicKeyCredentialRequestOptions)
 * const credential = await navigator.credentials.get({ publicKey })
 * ```
 */
export function toCredentialRequestOptions(
  publicKeyCredentialRequestOptions: string | PingOneCredentialRequestOptions,
): PublicKeyCredentialRequestOptions {
  let options: unknown = publicKeyCredentialRequestOptions
  if (typeof options === 'string') {
    try {
      options = JSON.parse(options)
    } catch {
      throw invalid('publicKeyCredentialRequestOptions is not JSON')
    }
  }
  if (!options || typeof options !== 'object' || Array.isArray(options)) {
    throw invalid('publicKeyCredentialRequestOptions must be an object')
  }
  const o = options as Record<string, unknown>
  const out: PublicKeyCredentialRequestOptions = { challenge: readBytes(o.challenge, 'challenge') }
  if (typeof o.rpId === 'string') out.rpId = o.rpId
  if (typeof o.timeout === 'number') out.timeout = o.timeout
  if (typeof o.userVerification === 'string')
    out.userVerification = o.userVerification as UserVerificationRequirement
  if (o.extensions && typeof o.extensions === 'object')
    out.extensions = o.extensions as AuthenticationExtensionsClientInputs
  if (o.allowCredentials !== undefined) {
    if (!Array.isArray(o.allowCredentials)) throw invalid('allowCredentials must be an array')
    out.allowCredentials = o.allowCredentials.map((c: unknown, i: number) => {
      const d = (c ?? {}) as Record<string, unknown>
      const descriptor: PublicKeyCredentialDescriptor = {
        type: 'public-key',
        id: readBytes(d.id, `allowCredentials[${i}].id`),
      }
      if (Array.isArray(d.transports)) descriptor.transports = d.transports as AuthenticatorTransport[]
      return descriptor
    })
  }
  return out
}
