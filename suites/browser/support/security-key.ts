import type { Page } from 'playwright-core'

/**
 * A security key in the page's browser: Chromium's virtual authenticator (Chrome DevTools Protocol
 * `WebAuthn` domain) holding one credential for `localhost` with the given id (base64url) and
 * P-256 private key (PKCS#8 DER, base64: the emulator's `fido.privateKeyPkcs8(id)`, so the
 * emulator accepts what it signs). The page's `navigator.credentials.get` then answers for real.
 */
export async function addSecurityKey(page: Page, credentialId: string, pkcs8: string): Promise<void> {
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('WebAuthn.enable', { enableUI: false })
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      transport: 'usb',
      hasResidentKey: false,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  })
  await cdp.send('WebAuthn.addCredential', {
    authenticatorId,
    credential: {
      credentialId: Buffer.from(credentialId, 'base64url').toString('base64'),
      isResidentCredential: false,
      rpId: 'localhost',
      privateKey: pkcs8,
      signCount: 0,
    },
  })
}
