/**
 * Regression (issue 11, item 10): a 32-space passphrase was accepted as a sealing key, the key was
 * a bare SHA-256 of the passphrase, lifetimes were unbounded, there was no rotation, and nothing
 * capped what a sealed value could inflate to.
 */
import { deflateRawSync } from 'node:zlib'
import { MAX_SEALED_LIFETIME, MAX_UNSEALED_BYTES, seal, unseal } from '@redirectless/orchestrator'
import { CompactEncrypt } from 'jose'
import { describe, expect, it } from 'vitest'

const PASSPHRASE = 'a passphrase of at least thirty-two characters'
const purpose = 'regression'
const refused = { code: 'INVALID_ARGUMENT' }

describe('sealing keys', () => {
  it('refuses passphrases without real variety, and keys that are not 32 bytes', async () => {
    for (const key of [
      ' '.repeat(32),
      'a'.repeat(64),
      '0123456789'.repeat(4),
      new Uint8Array(31),
      new Uint8Array(33),
    ]) {
      await expect(seal({}, key, { purpose })).rejects.toMatchObject(refused)
    }
  })

  it('stretches a passphrase: its bare SHA-256 no longer opens what it seals', async () => {
    const weakKey = new Uint8Array(
      await crypto.subtle.digest('SHA-256', new TextEncoder().encode(PASSPHRASE)),
    )
    const forged = await new CompactEncrypt(
      new Uint8Array(deflateRawSync(JSON.stringify({ exp: 9e9, value: 'x' }))),
    )
      .setProtectedHeader({
        alg: 'dir',
        enc: 'A256GCM',
        cty: 'redirectless-sealed+deflate',
        kid: 'default',
        purpose,
      })
      .encrypt(weakKey)
    await expect(unseal(forged, PASSPHRASE, { purpose })).rejects.toMatchObject(refused)
  })

  it('caps lifetimes at a day, and lets a keyring rotate keys', async () => {
    await expect(seal({}, PASSPHRASE, { purpose, expiresIn: MAX_SEALED_LIFETIME + 1 })).rejects.toMatchObject(
      refused,
    )
    const older = { id: 'old', key: crypto.getRandomValues(new Uint8Array(32)) }
    const newer = { id: 'new', key: crypto.getRandomValues(new Uint8Array(32)) }
    const sealedBefore = await seal('v', [older], { purpose })
    expect(await unseal(sealedBefore, [newer, older], { purpose })).toBe('v')
    await expect(
      unseal(await seal('v', [newer, older], { purpose }), [older], { purpose }),
    ).rejects.toMatchObject(refused)
  })

  it('refuses a sealed value that inflates past the cap', async () => {
    const key = crypto.getRandomValues(new Uint8Array(32))
    const bomb = deflateRawSync(JSON.stringify({ exp: 9e9, value: '0'.repeat(4 * MAX_UNSEALED_BYTES) }))
    const sealed = await new CompactEncrypt(new Uint8Array(bomb))
      .setProtectedHeader({
        alg: 'dir',
        enc: 'A256GCM',
        cty: 'redirectless-sealed+deflate',
        kid: 'default',
        purpose,
      })
      .encrypt(key)
    await expect(unseal(sealed, key, { purpose })).rejects.toMatchObject(refused)
  })
})
