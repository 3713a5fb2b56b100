import { describe, expect, it } from 'vitest'
import { isRedirectlessError } from '../src/index.js'
import { getAssertion, toAssertion, toCredentialRequestOptions } from '../src/webauthn/index.js'

const bytes = (value: BufferSource | undefined) => Array.from(new Uint8Array(value as ArrayBuffer))

describe('toCredentialRequestOptions', () => {
  it('reads PingOne signed byte arrays from a JSON string', () => {
    const options = toCredentialRequestOptions(
      JSON.stringify({
        challenge: [-85, 59, 0, 127, -128],
        rpId: 'example.com',
        timeout: 120000,
        userVerification: 'preferred',
        allowCredentials: [{ type: 'public-key', id: [1, -1], transports: ['usb'] }],
      }),
    )
    expect(bytes(options.challenge)).toEqual([171, 59, 0, 127, 128])
    expect(options).toMatchObject({ rpId: 'example.com', timeout: 120000, userVerification: 'preferred' })
    expect(bytes(options.allowCredentials?.[0]?.id)).toEqual([1, 255])
    expect(options.allowCredentials?.[0]?.transports).toEqual(['usb'])
  })

  it('reads base64url strings from an object', () => {
    const options = toCredentialRequestOptions({
      challenge: 'q_8A',
      allowCredentials: [{ type: 'public-key', id: '-_8' }],
    })
    expect(bytes(options.challenge)).toEqual([171, 255, 0])
    expect(bytes(options.allowCredentials?.[0]?.id)).toEqual([251, 255])
  })

  it.each([
    ['not JSON', '{'],
    ['no challenge', '{}'],
    ['bytes out of range', '{"challenge":[300]}'],
    ['a bad base64url', '{"challenge":"***"}'],
    ['allowCredentials not an array', '{"challenge":[1],"allowCredentials":{}}'],
  ])('refuses %s', (_name, text) => {
    expect(() => toCredentialRequestOptions(text)).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
    )
  })
})

describe('toAssertion', () => {
  const credential = {
    id: '-_8',
    rawId: new Uint8Array([251, 255]).buffer,
    type: 'public-key',
    response: {
      clientDataJSON: new TextEncoder().encode('{"x":1}'),
      authenticatorData: new Uint8Array([1, 2, 3]),
      signature: new Uint8Array([250, 251, 252]),
      userHandle: null,
    },
  }

  it('writes binary members in standard base64 by default, as Ping sample clients do', () => {
    expect(JSON.parse(toAssertion(credential))).toEqual({
      id: '-_8',
      rawId: '+/8=',
      type: 'public-key',
      response: { clientDataJSON: btoa('{"x":1}'), authenticatorData: 'AQID', signature: '+vv8' },
    })
  })

  it('writes base64url when asked', () => {
    const out = JSON.parse(toAssertion(credential, { encoding: 'base64url' }))
    expect(out.rawId).toBe('-_8')
    expect(out.response.signature).toBe('-vv8')
  })

  it('refuses what is not an assertion credential', () => {
    expect(() => toAssertion(null)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }))
    const attestation = {
      ...credential,
      response: { clientDataJSON: new Uint8Array(1), attestationObject: new Uint8Array(1) },
    }
    expect(() => toAssertion(attestation as never)).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
    )
  })
})

describe('getAssertion', () => {
  const options = { challenge: [1, 2, 3] }

  it('maps a cancelled ceremony to ABORTED and an aborted signal to ABORTED', async () => {
    const refused = {
      get: async () => {
        throw Object.assign(new Error('The operation either timed out or was not allowed.'), {
          name: 'NotAllowedError',
        })
      },
    }
    const error = await getAssertion(options, { credentials: refused }).catch((e: unknown) => e)
    expect(isRedirectlessError(error, 'ABORTED')).toBe(true)
    const controller = new AbortController()
    controller.abort()
    const aborted = await getAssertion(options, { credentials: refused, signal: controller.signal }).catch(
      (e: unknown) => e,
    )
    expect(isRedirectlessError(aborted, 'ABORTED')).toBe(true)
  })

  it('says when there is no WebAuthn', async () => {
    const error = await getAssertion(options).catch((e: unknown) => e)
    expect(isRedirectlessError(error, 'INVALID_ARGUMENT')).toBe(true)
  })

  it('passes the converted options and the signal to credentials.get', async () => {
    let seen: CredentialRequestOptions | undefined
    const signal = new AbortController().signal
    const credentials = {
      get: async (request?: CredentialRequestOptions) => {
        seen = request
        return {
          id: 'AQ',
          rawId: new Uint8Array([1]).buffer,
          type: 'public-key',
          response: {
            clientDataJSON: new Uint8Array([2]).buffer,
            authenticatorData: new Uint8Array([3]).buffer,
            signature: new Uint8Array([4]).buffer,
            userHandle: new Uint8Array([5]).buffer,
          },
        } as unknown as Credential
      },
    }
    const assertion = JSON.parse(await getAssertion(JSON.stringify(options), { credentials, signal }))
    expect(bytes(seen?.publicKey?.challenge)).toEqual([1, 2, 3])
    expect(seen?.signal).toBe(signal)
    expect(assertion.response.userHandle).toBe('BQ==')
  })
})
