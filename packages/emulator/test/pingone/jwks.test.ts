import { createPublicKey, X509Certificate } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { createEmulator } from '../../src/index.js'

describe('JWKS', () => {
  it('publishes the signing key with a self-signed certificate in x5c, as PingOne does', async () => {
    const emu = createEmulator()
    const jwks = await (await emu.fetch(`${emu.pingOne.issuer}/jwks`)).json()
    expect(jwks.keys).toHaveLength(1)
    const key = jwks.keys[0]
    expect(key).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig', kid: expect.any(String) })
    expect(key.x5c).toHaveLength(1)
    const certificate = new X509Certificate(Buffer.from(key.x5c[0], 'base64'))
    expect(certificate.subject).toBe('CN=auth.pingone.emulator.test')
    expect(certificate.issuer).toBe(certificate.subject)
    expect(certificate.publicKey.equals(createPublicKey({ key, format: 'jwk' }))).toBe(true)
    expect(certificate.verify(certificate.publicKey)).toBe(true)
    const now = Date.now()
    expect(Date.parse(certificate.validFrom)).toBeLessThan(now)
    expect(Date.parse(certificate.validTo)).toBeGreaterThan(now + 300 * 86_400_000)
    const discovery = await (await emu.fetch(`${emu.pingOne.issuer}/.well-known/openid-configuration`)).json()
    expect(discovery.device_authorization_endpoint).toBe(emu.pingOne.deviceAuthorizationEndpoint)
    expect(discovery.grant_types_supported).toContain('urn:ietf:params:oauth:grant-type:device_code')
  })
})
