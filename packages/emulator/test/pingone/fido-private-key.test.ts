import { createPrivateKey, createPublicKey } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { createEmulator } from '../../src/index.js'

const FIDO_CREDENTIAL_ID = 'cmVkaXJlY3RsZXNzLWZpZG8yLWNyZWRlbnRpYWwtMDAwMQ'

describe('fido.privateKeyPkcs8: the device key a browser virtual authenticator takes', () => {
  it("is the private half of the key the emulator verifies the device's assertions with", () => {
    const emu = createEmulator()
    const pkcs8 = emu.fido.privateKeyPkcs8(FIDO_CREDENTIAL_ID)
    expect(pkcs8).toMatch(/^[A-Za-z0-9+/]+=*$/)
    const key = createPrivateKey({ key: Buffer.from(pkcs8 ?? '', 'base64'), format: 'der', type: 'pkcs8' })
    expect(key.asymmetricKeyType).toBe('ec')
    expect(createPublicKey(key).export({ format: 'jwk' })).toEqual(emu.fido.publicKeyJwk(FIDO_CREDENTIAL_ID))
  })

  it('is undefined for a credential no device has', () => {
    expect(createEmulator().fido.privateKeyPkcs8('bm8tc3VjaC1jcmVkZW50aWFs')).toBeUndefined()
  })
})
