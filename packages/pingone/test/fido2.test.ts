import { describe, expect, it } from 'vitest'
import { isRedirectlessError } from '../src/index.js'
import { type AssertionCredentialLike, getAssertion } from '../src/webauthn/index.js'
import { FIDO_ORIGIN, MODES, rejection, useEmulator } from './support/emulator.js'

const fromBase64 = (text: string) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0)).buffer

describe.each(MODES)('FIDO2 against the emulator (%s)', (mode) => {
  const h = useEmulator(mode)

  /** A `navigator.credentials` backed by the emulator's software authenticator. */
  const credentials = {
    async get(options?: CredentialRequestOptions): Promise<Credential | null> {
      const publicKey = options?.publicKey
      if (!publicKey) throw new TypeError('no publicKey')
      const bytes = (b: BufferSource) => Array.from(new Uint8Array(b as ArrayBuffer))
      const json = h.emu.fido.getAssertion(
        {
          challenge: bytes(publicKey.challenge),
          ...(publicKey.rpId && { rpId: publicKey.rpId }),
          allowCredentials: (publicKey.allowCredentials ?? []).map((c) => ({
            type: c.type,
            id: bytes(c.id),
          })),
        },
        FIDO_ORIGIN,
      )
      const parsed = JSON.parse(json) as {
        id: string
        rawId: string
        type: string
        response: Record<string, string>
      }
      const credential: AssertionCredentialLike = {
        id: parsed.id,
        rawId: fromBase64(parsed.rawId),
        type: parsed.type,
        response: {
          clientDataJSON: fromBase64(parsed.response.clientDataJSON ?? ''),
          authenticatorData: fromBase64(parsed.response.authenticatorData ?? ''),
          signature: fromBase64(parsed.response.signature ?? ''),
          userHandle: fromBase64(parsed.response.userHandle ?? ''),
        },
      }
      return credential as unknown as Credential
    },
  }

  async function assertionFlow() {
    const flow = await h
      .client()
      .startFlow({ scope: 'openid', acrValues: 'MFA-Only', loginHintToken: await h.loginHintToken('fido') })
    if (flow.state.status !== 'ASSERTION_REQUIRED') throw new Error(flow.state.status)
    return { flow, options: flow.state.publicKeyCredentialRequestOptions }
  }

  it('passes ASSERTION_REQUIRED with the emulator authenticator answering directly', async () => {
    const { flow, options } = await assertionFlow()
    const assertion = h.emu.fido.getAssertion(options, FIDO_ORIGIN)
    expect((await flow.submit('assertion.check', { origin: FIDO_ORIGIN, assertion })).status).toBe(
      'COMPLETED',
    )
    expect((await flow.complete()).claims?.sub).toBe(h.userId('fido'))
  })

  it.each(['base64', 'base64url'] as const)(
    'passes it through the webauthn helpers (%s members)',
    async (encoding) => {
      const { flow, options } = await assertionFlow()
      const assertion = await getAssertion(options, { credentials, encoding })
      const parsed = JSON.parse(assertion) as { response: { signature: string } }
      if (encoding === 'base64url') expect(parsed.response.signature).not.toMatch(/[+/=]/)
      const next = await flow.submit('assertion.check', {
        origin: FIDO_ORIGIN,
        assertion,
        compatibility: 'FULL',
      })
      expect(next.status).toBe('COMPLETED')
    },
  )

  it('a refused assertion is FLOW_ERROR and the flow stays usable', async () => {
    const { flow, options } = await assertionFlow()
    const assertion = h.emu.fido.getAssertion(options, FIDO_ORIGIN)
    const error = await rejection(
      flow.submit('assertion.check', { origin: 'http://localhost:9999', assertion }),
    )
    expect(isRedirectlessError(error, 'FLOW_ERROR')).toBe(true)
    expect(flow.state.status).toBe('ASSERTION_REQUIRED')
    const again = h.emu.fido.getAssertion(options, FIDO_ORIGIN)
    expect((await flow.submit('assertion.check', { origin: FIDO_ORIGIN, assertion: again })).status).toBe(
      'COMPLETED',
    )
  })
})
