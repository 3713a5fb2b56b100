import { type BinaryEncoding, encodeBytes, invalid } from './bytes.js'

/** The parts of a `PublicKeyCredential` from `navigator.credentials.get()` that an assertion needs. */
export interface AssertionCredentialLike {
  readonly id: string
  readonly rawId: ArrayBuffer | ArrayBufferView
  readonly type: string
  readonly response: {
    readonly clientDataJSON: ArrayBuffer | ArrayBufferView
    readonly authenticatorData: ArrayBuffer | ArrayBufferView
    readonly signature: ArrayBuffer | ArrayBufferView
    readonly userHandle?: ArrayBuffer | ArrayBufferView | null
  }
}

/** Options of {@link toAssertion}. */
export interface ToAssertionOptions {
  /**
   * How binary members are written. Default `base64`, as Ping's own browser sample (`btoa`) sends
   * them; `base64url` for servers that want WebAuthn's JSON encoding.
   */
  readonly encoding?: BinaryEncoding | undefined
}

/**
 * The `assertion` string `assertion.check` wants: `{ id, rawId, type, response: { clientDataJSON,
 * authenticatorData, signature, userHandle } }` as JSON, binary members encoded as text.
 *
 * @example
 * ```ts
 * const assertion = toAssertion(await navigator.credentials.get({ publicKey }))
 * await flow.submit('assertion.check', { origin: location.origin, assertion })
 * ```
 */
export function toAssertion(
  credential: PublicKeyCredential | AssertionCredentialLike | Credential | null,
  options: ToAssertionOptions = {},
): string {
  const c = credential as Partial<AssertionCredentialLike> | null
  const response = c?.response as Partial<AssertionCredentialLike['response']> | undefined
  if (!c || !response || !isBinary(c.rawId) || !isBinary(response.clientDataJSON)) {
    throw invalid('toAssertion needs the PublicKeyCredential that navigator.credentials.get() resolved to')
  }
  if (!isBinary(response.authenticatorData) || !isBinary(response.signature)) {
    throw invalid('The credential is not an assertion (it has no authenticatorData or signature)')
  }
  const encoding = options.encoding ?? 'base64'
  if (encoding !== 'base64' && encoding !== 'base64url') throw invalid('encoding must be base64 or base64url')
  const out = {
    id: typeof c.id === 'string' ? c.id : encodeBytes(c.rawId, 'base64url'),
    rawId: encodeBytes(c.rawId, encoding),
    type: c.type ?? 'public-key',
    response: {
      clientDataJSON: encodeBytes(response.clientDataJSON, encoding),
      authenticatorData: encodeBytes(response.authenticatorData, encoding),
      signature: encodeBytes(response.signature, encoding),
      ...(isBinary(response.userHandle) && { userHandle: encodeBytes(response.userHandle, encoding) }),
    },
  }
  return JSON.stringify(out)
}

function isBinary(value: unknown): value is ArrayBuffer | ArrayBufferView {
  return value instanceof ArrayBuffer || ArrayBuffer.isView(value)
}
