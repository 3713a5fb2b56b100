import { createHash, createPrivateKey, createPublicKey, verify } from 'node:crypto'
import type { Page } from 'playwright-core'

/** The emulator's `fido` user's FIDO2 device credential id (base64url), from its default data. */
export const FIDO_CREDENTIAL_ID = 'cmVkaXJlY3RsZXNzLWZpZG8yLWNyZWRlbnRpYWwtMDAwMQ'

/**
 * A security key in the page's browser: Chromium's virtual authenticator (Chrome DevTools
 * Protocol `WebAuthn` domain) holding one credential with this id for `localhost`, under the P-256
 * key given (PKCS#8, base64: the emulator's `fido.privateKeyPkcs8(id)`, so the emulator accepts what
 * it signs). `verify` checks an `assertion.check` assertion against that key.
 */
export async function virtualSecurityKey(page: Page, credentialId: string, pkcs8: string) {
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
  const publicKey = createPublicKey(
    createPrivateKey({ key: Buffer.from(pkcs8, 'base64'), format: 'der', type: 'pkcs8' }),
  )
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
  return {
    async signCount(): Promise<number | undefined> {
      const { credentials } = await cdp.send('WebAuthn.getCredentials', { authenticatorId })
      return credentials[0]?.signCount
    },
    /** The client data's type and origin, and whether the signature is this key's. */
    verify(assertion: string) {
      const parsed = JSON.parse(assertion) as {
        response: { clientDataJSON: string; authenticatorData: string; signature: string }
      }
      const clientData = Buffer.from(parsed.response.clientDataJSON, 'base64')
      const authData = Buffer.from(parsed.response.authenticatorData, 'base64')
      const signed = Buffer.concat([authData, createHash('sha256').update(clientData).digest()])
      const { type, origin } = JSON.parse(clientData.toString('utf8')) as { type: string; origin: string }
      return {
        type,
        origin,
        signed: verify('sha256', signed, publicKey, Buffer.from(parsed.response.signature, 'base64')),
      }
    },
  }
}
