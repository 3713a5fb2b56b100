import { describe, expect, it } from 'vitest'
import { parseFlags, refuseSecretFlags } from '../src/args.js'
import { resolveLoginConfig } from '../src/config.js'
import { CliError, toCliError } from '../src/errors.js'
import { maskTarget } from '../src/render/mask.js'

describe('parseFlags', () => {
  const specs = {
    device: { type: 'string', description: '', choices: ['SMS', 'FIDO2'] },
    'show-secrets': { type: 'boolean', description: '' },
  } as const
  it('returns choices in their canonical spelling and lets declared secret-looking flags through', () => {
    expect(parseFlags(['--device', 'fido2', '--show-secrets'], specs)).toEqual({
      device: 'FIDO2',
      'show-secrets': true,
    })
  })
  it('refuses undeclared flags that name a secret, with exit 2 and without the value', () => {
    for (const argv of [
      ['--password', 'x1'],
      ['--api-token=x1'],
      ['--otp', '123456'],
      ['--cookie', 'PF=abc'],
    ]) {
      const error = (() => {
        try {
          refuseSecretFlags(argv, specs)
        } catch (e) {
          return e as CliError
        }
      })()
      expect(error).toBeInstanceOf(CliError)
      expect(error?.exitCode).toBe(2)
      expect(error?.message).not.toMatch(/x1|123456|abc/)
    }
  })
})

describe('resolveLoginConfig', () => {
  const file = {
    pingFederate: { baseUrl: 'https://file.example.com', clientId: 'file-client' },
    pingOne: { authBaseUrl: 'EU', environmentId: 'env', clientId: 'p1', clientSecret: 'file-secret' },
    loginHint: { issuer: 'iss', secret: 'hint-secret' },
  }
  it('takes a flag over its variable over the config file', () => {
    const config = resolveLoginConfig(
      { 'pf-base-url': 'https://flag.example.com' },
      { REDIRECTLESS_PF_BASE_URL: 'https://env.example.com', REDIRECTLESS_PF_CLIENT_ID: 'env-client' },
      file,
    )
    expect(config.pingFederate).toEqual({
      baseUrl: 'https://flag.example.com',
      clientId: 'env-client',
      clientSecret: undefined,
      scope: 'openid profile',
    })
    expect(config.pingOne.clientSecret).toBe('file-secret')
    expect(config.loginHint).toEqual({ kind: 'secret', issuer: 'iss', secret: 'hint-secret' })
  })
  it('lets a --login-hint-url flag win over a secret from the file, and refuses both at the same level', () => {
    expect(
      resolveLoginConfig({ 'login-hint-url': 'https://api.example.com/hint' }, {}, file).loginHint,
    ).toMatchObject({
      kind: 'url',
    })
    expect(() =>
      resolveLoginConfig(
        {},
        { REDIRECTLESS_LOGIN_HINT_URL: 'https://a/h', REDIRECTLESS_LOGIN_HINT_SECRET: 's' },
        file,
      ),
    ).toThrow(/either a login-hint URL or the issuer secret/)
  })
  it.each(['http://api.example.com/hint', 'ftp://x/y', 'https://user:pw@api.example.com/'])(
    'refuses %s',
    (url) => {
      expect(() => resolveLoginConfig({ 'login-hint-url': url }, {}, file)).toThrow(CliError)
    },
  )
  it.each(['http://127.0.0.1:8080/hint', 'http://localhost/hint', 'http://[::1]:3000/'])(
    'accepts loopback %s',
    (url) => {
      expect(resolveLoginConfig({ 'login-hint-url': url }, {}, file).loginHint.kind).toBe('url')
    },
  )
})

describe('toCliError', () => {
  it.each([
    [{ code: 'NETWORK_ERROR', message: 'Could not reach https://h/x' }, 3],
    [{ code: 'FLOW_EXPIRED', message: 'gone' }, 4],
    [{ code: 'TIMEOUT', message: 'slow' }, 4],
    [{ code: 'FLOW_FAILED', message: 'failed', stage: 'pingOne' }, 1],
    [{ code: 'TOKEN_ERROR', message: 'refused' }, 1],
    [new Error('boom'), 1],
  ])('%j → exit %i', (error, exit) => {
    expect(toCliError(error).exitCode).toBe(exit)
  })
  it('names wrong credentials and the server’s reason for a FAILED flow', () => {
    const refused = toCliError({
      code: 'FLOW_ERROR',
      message: 'x',
      stage: 'pingFederate',
      server: { code: 'VALIDATION_ERROR', details: [{ code: 'CREDENTIAL_VALIDATION_FAILED' }] },
    })
    expect(refused).toMatchObject({ code: 'CREDENTIALS_REJECTED', exitCode: 1 })
    expect(
      toCliError({ code: 'FLOW_FAILED', message: 'x' }, { stage: 'pingOne', reason: 'PUSH_DENIED' }).message,
    ).toBe('PingOne ended the flow: the push was denied on the phone (PUSH_DENIED)')
  })
  it('redacts what looks like a secret in a foreign error', () => {
    expect(toCliError(new Error('bad token=abc.def password=hunter2')).message).not.toMatch(
      /abc\.def|hunter2/,
    )
  })
})

describe('maskTarget', () => {
  it.each([
    ['+15555550101', '•••01'],
    ['*********01', '•••01'],
    ['joe@example.com', 'jo•••@example.com'],
    ['jo****@example.com', 'jo•••@example.com'],
    [undefined, '•••'],
  ])('%s → %s', (target, masked) => {
    expect(maskTarget(target)).toBe(masked)
  })
})
