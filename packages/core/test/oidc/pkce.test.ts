import { describe, expect, it } from 'vitest'
import { createPkce, randomToken } from '../../src/index.js'

describe('createPkce', () => {
  it('makes a 43-character verifier and its S256 challenge (RFC 7636 appendix B)', async () => {
    const rfcBytes = new Uint8Array([
      116, 24, 223, 180, 151, 153, 224, 37, 79, 250, 96, 125, 216, 173, 187, 186, 22, 212, 37, 77, 105, 214,
      191, 240, 91, 88, 5, 88, 83, 132, 141, 121,
    ])
    const pkce = await createPkce(() => rfcBytes)
    expect(pkce.verifier).toBe('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')
    expect(pkce.challenge).toBe('E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM')
    expect(pkce.method).toBe('S256')
  })

  it('is random by default', async () => {
    const [a, b] = await Promise.all([createPkce(), createPkce()])
    expect(a.verifier).not.toBe(b.verifier)
    expect(a.verifier).toMatch(/^[A-Za-z0-9_-]{43}$/)
  })
})

describe('randomToken', () => {
  it('encodes without padding or URL-unsafe characters', () => {
    expect(randomToken(() => new Uint8Array([251, 255, 191]), 3)).toBe('-_-_')
    expect(randomToken(undefined, 16)).toMatch(/^[A-Za-z0-9_-]{22}$/)
  })
})
