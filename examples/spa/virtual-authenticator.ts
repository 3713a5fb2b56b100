import { createHash, createPublicKey, generateKeyPairSync, verify } from 'node:crypto'
import type { Page } from 'playwright-core'

/** The emulator's `fido` user's FIDO2 device credential id (base64url), from its default data. */
export const FIDO_CREDENTIAL_ID = 'cmVkaXJlY3RsZXNzLWZpZG8yLWNyZWRlbnRpYWwtMDAwMQ'

/**
 * A security key in the page's browser: Chromium's virtual authenticator (Chrome DevTools
 * Protocol `WebAuthn` domain) holding one credential with this id for `localhost`, under a P-256
 * key made here. `verify` checks an `assertion.check` assertion against that key.
 */
export async function virtualSecurityKey(page: Page, credentialId: string) {
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
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' })
  await cdp.send('WebAuthn.addCredential', {
    authenticatorId,
    credential: {
      credentialId: Buffer.from(credentialId, 'base64url').toString('base64'),
      isResidentCredential: false,
      rpId: 'localhost',
      privateKey: privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'),
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
      const key = createPublicKey(publicKey.export({ format: 'pem', type: 'spki' }))
      return {
        type,
        origin,
        signed: verify('sha256', signed, key, Buffer.from(parsed.response.signature, 'base64')),
      }
    },
  }
}
