import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { validateIdToken } from '@redirectless/core'
import { type Emulator, startEmulator } from '@redirectless/emulator'
import { createLoginHintToken } from '@redirectless/pingone'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { expectNoSecrets, input, run, waitFor } from './support.js'

let emu: Emulator

beforeAll(async () => {
  emu = await startEmulator()
})
afterAll(() => emu.close())

/** The tenant settings of the emulator as a user would export them (secrets only in the environment). */
function tenantEnv(extra: Record<string, string> = {}): Record<string, string> {
  return {
    REDIRECTLESS_PF_BASE_URL: emu.pingFederate.baseUrl,
    REDIRECTLESS_PF_CLIENT_ID: emu.pingFederate.clientId,
    REDIRECTLESS_P1_AUTH_BASE_URL: emu.pingOne.authBaseUrl,
    REDIRECTLESS_P1_ENVIRONMENT_ID: emu.pingOne.environmentId,
    REDIRECTLESS_P1_CLIENT_ID: emu.pingOne.clientId,
    REDIRECTLESS_P1_CLIENT_SECRET: emu.pingOne.clientSecret,
    REDIRECTLESS_P1_ACR_VALUES: emu.pingOne.mfaOnlyAcrValues,
    REDIRECTLESS_LOGIN_HINT_ISSUER: emu.pingOne.loginHintIssuer.clientId,
    REDIRECTLESS_LOGIN_HINT_SECRET: emu.pingOne.loginHintIssuer.secret,
    REDIRECTLESS_PASSWORD: '2FederateM0re',
    ...extra,
  }
}

/** Feeds each code the emulator "sends" to `user` into the CLI's stdin, as the user typing it. */
function typeCodesOf(user: string, stdin: ReturnType<typeof input>) {
  const typed: string[] = []
  const stop = emu.outbox.subscribe((m) => {
    if (m.username === user && m.otp) {
      typed.push(m.otp)
      stdin.write(`${m.otp}\n`)
    }
  })
  return { typed, stop }
}

const secretsOf = () => [emu.pingOne.clientSecret, emu.pingOne.loginHintIssuer.secret]

describe('redirectless login (against startEmulator over HTTP)', () => {
  it('signs joe in with settings from the environment, the password from REDIRECTLESS_PASSWORD and the code typed', async () => {
    const stdin = input()
    const codes = typeCodesOf('joe', stdin)
    const { code, stdout, stderr } = await run(['login', '--username', 'joe'], { env: tenantEnv(), stdin })
      .done
    codes.stop()
    expect(stderr).toMatch(/Code \(leave empty to choose another device\):/)
    expect(code).toBe(0)
    expect(stdout).toMatch(/signed in at PingFederate and PingOne/)
    expect(stdout).toMatch(/PingFederate id_token claims \(validated\)[\s\S]*sub +joe/)
    expect(stdout).toMatch(/PingOne +OTP_REQUIRED +otp\.check/)
    expectNoSecrets(stdout + stderr, [...secretsOf(), ...codes.typed])
  })

  it('asks a person at a terminal for the username, the masked password and the code', async () => {
    const stdin = input(true)
    const env = tenantEnv()
    delete env.REDIRECTLESS_PASSWORD
    const cli = run(['login'], { env, stdin, tty: true })
    const screen = () => cli.stdout.text()
    const sms: string[] = []
    const stop = emu.outbox.subscribe((m) => {
      if (m.username === 'joe' && m.otp) sms.push(m.otp)
    })
    try {
      await waitFor(screen, /◆ +Username/)
      stdin.write('joe\r')
      await waitFor(screen, /◆ +Password/)
      stdin.write('2FederateM0re\r')
      await waitFor(screen, /PingOne sent a code by SMS to •••01[\s\S]*◆ +Code/)
      stdin.write(`${sms.at(-1)}\r`)
      const { code, stdout } = await cli.done
      expect(code).toBe(0)
      expect(stdout).toMatch(/▪{13}/) // the password, masked as typed
      expectNoSecrets(stdout, secretsOf())
    } finally {
      stop()
    }
  })

  it('reads settings and secrets from a --config file, asks the username, and prints JSON', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'redirectless-cli-'))
    const file = join(dir, 'tenant.json')
    writeFileSync(
      file,
      JSON.stringify({
        pingFederate: {
          baseUrl: emu.pingFederate.baseUrl,
          clientId: emu.pingFederate.clientId,
          scope: 'openid email',
        },
        pingOne: {
          authBaseUrl: emu.pingOne.authBaseUrl,
          environmentId: emu.pingOne.environmentId,
          clientId: emu.pingOne.clientId,
          clientSecret: emu.pingOne.clientSecret,
          acrValues: 'MFA-Only',
        },
        loginHint: {
          issuer: emu.pingOne.loginHintIssuer.clientId,
          secret: emu.pingOne.loginHintIssuer.secret,
        },
        password: '2FederateM0re',
      }),
    )
    chmodSync(file, 0o600)
    const stdin = input()
    stdin.write('joe\n')
    const codes = typeCodesOf('joe', stdin)
    const { code, stdout, stderr } = await run(['login', '--config', file, '--json'], { stdin }).done
    codes.stop()
    expect(code).toBe(0)
    expect(stderr).toMatch(/Username:/)
    const out = JSON.parse(stdout)
    expect(out).toMatchObject({
      ok: true,
      command: 'login',
      claims: { pingFederate: { sub: 'joe', email: 'joe@example.com' } },
    })
    expect(out.claims.pingFederate.name).toBeUndefined()
    expectNoSecrets(stdout + stderr, [...secretsOf(), ...codes.typed])
  })

  it('gets the login_hint_token from the user’s backend (--login-hint-url), sending PingFederate’s id_token', async () => {
    const seen: { keys: string[]; sub: string; authorization?: string }[] = []
    const backend: Server = createServer(async (req, res) => {
      let body = ''
      for await (const chunk of req) body += chunk
      // What docs/hybrid-login.md asks of the backend: validate the id_token, vouch for its sub only.
      const received = JSON.parse(body) as Record<string, unknown>
      const claims = await validateIdToken(
        received.id_token,
        await (await fetch(`${emu.pingFederate.baseUrl}/pf/JWKS`)).json(),
        {
          issuer: emu.pingFederate.issuer,
          clientId: emu.pingFederate.clientId,
        },
      )
      const subject = claims.sub
      seen.push({
        keys: Object.keys(received),
        sub: subject,
        ...(req.headers.authorization && { authorization: 'sent' }),
      })
      const token = await createLoginHintToken({
        issuer: emu.pingOne.loginHintIssuer.clientId,
        secret: emu.pingOne.loginHintIssuer.secret,
        subject,
        audience: emu.pingOne.issuer,
      })
      res.setHeader('content-type', 'application/json').end(JSON.stringify({ login_hint_token: token }))
    })
    await new Promise<void>((resolve) => backend.listen(0, '127.0.0.1', resolve))
    const url = `http://127.0.0.1:${(backend.address() as AddressInfo).port}/login-hint`
    const env = tenantEnv()
    delete env.REDIRECTLESS_LOGIN_HINT_SECRET
    delete env.REDIRECTLESS_LOGIN_HINT_ISSUER
    const stdin = input()
    const codes = typeCodesOf('joe', stdin)
    try {
      const { code, stdout } = await run(['login', '--username', 'joe', '--login-hint-url', url], {
        env,
        stdin,
      }).done
      expect(code).toBe(0)
      expect(seen).toEqual([{ keys: ['id_token'], sub: 'joe' }])
      expect(stdout).toMatch(/The login-hint backend +— +login_hint_token +1/)
    } finally {
      codes.stop()
      backend.close()
    }
  })

  it('exits 1 with CREDENTIALS_REJECTED when the configured password is wrong (and does not ask again)', async () => {
    const { code, stderr } = await run(['login', '--username', 'joe'], {
      env: tenantEnv({ REDIRECTLESS_PASSWORD: 'not-the-password' }),
    }).done
    expect(code).toBe(1)
    expect(stderr).toMatch(/CREDENTIALS_REJECTED: PingFederate refused the username or password/)
    expect(stderr).not.toContain('not-the-password')
  })

  it('exits 3 with NETWORK_ERROR naming the host when PingFederate cannot be reached', async () => {
    // A port just freed: nothing listens there.
    const probe = createServer()
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve))
    const port = (probe.address() as AddressInfo).port
    await new Promise((resolve) => probe.close(resolve))
    const { code, stderr } = await run(['login', '--username', 'joe'], {
      env: tenantEnv({ REDIRECTLESS_PF_BASE_URL: `http://127.0.0.1:${port}` }),
    }).done
    expect(code).toBe(3)
    expect(stderr).toMatch(
      new RegExp(
        `NETWORK_ERROR: PingFederate: Could not reach http://127\\.0\\.0\\.1:${port}/\\S* \\(connection refused, ECONNREFUSED\\)`,
      ),
    )
    const json = await run(['login', '--username', 'joe', '--json'], {
      env: tenantEnv({ REDIRECTLESS_PF_BASE_URL: `http://127.0.0.1:${port}` }),
    }).done
    expect(JSON.parse(json.stdout).error).toMatchObject({
      code: 'NETWORK_ERROR',
      cause: 'ECONNREFUSED',
      exitCode: 3,
    })
    expectNoSecrets(stderr + json.stdout, secretsOf())
  })

  it('says why when fetch will not even try: a port on its blocked list', async () => {
    const { code, stderr } = await run(['login', '--username', 'joe'], {
      env: tenantEnv({ REDIRECTLESS_PF_BASE_URL: 'http://127.0.0.1:9' }),
    }).done
    expect(code).toBe(3)
    expect(stderr).toMatch(
      /Could not reach http:\/\/127\.0\.0\.1:9\/\S* \(fetch blocks port 9: it never connects there\)/,
    )
  })

  it('says why the login-hint backend could not be reached', async () => {
    const probe = createServer()
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve))
    const port = (probe.address() as AddressInfo).port
    await new Promise((resolve) => probe.close(resolve))
    const env = tenantEnv({ REDIRECTLESS_LOGIN_HINT_URL: `http://127.0.0.1:${port}/hint` })
    delete env.REDIRECTLESS_LOGIN_HINT_SECRET
    const { code, stderr } = await run(['login', '--username', 'joe'], { env }).done
    expect(code).toBe(3)
    expect(stderr).toMatch(/Could not reach the login-hint backend .* \(connection refused, ECONNREFUSED\)/)
  })

  it('names a refused setting the way it was given: its flag, its variable or its config-file key', async () => {
    const flag = await run(['login', '--pf-base-url', 'not a url'], { env: tenantEnv() }).done
    expect(flag.code).toBe(2)
    expect(flag.stderr).toMatch(
      /^error: Invalid PingFederate settings: --pf-base-url must be an absolute http\(s\) URL$/m,
    )
    const variable = await run(['login'], { env: tenantEnv({ REDIRECTLESS_P1_ENVIRONMENT_ID: 'env-1' }) })
      .done
    expect(variable.code).toBe(2)
    expect(variable.stderr).toMatch(
      /Invalid PingOne settings: REDIRECTLESS_P1_ENVIRONMENT_ID must be the environment UUID/,
    )
    const dir = mkdtempSync(join(tmpdir(), 'redirectless-cli-'))
    const file = join(dir, 'tenant.json')
    writeFileSync(file, JSON.stringify({ pingOne: { authBaseUrl: 'Mars' } }))
    const env = tenantEnv()
    delete env.REDIRECTLESS_P1_AUTH_BASE_URL
    const config = await run(['login', '--config', file], { env }).done
    expect(config.code).toBe(2)
    expect(config.stderr).toMatch(
      /Invalid PingOne settings: pingOne\.authBaseUrl in --config must be an absolute URL or one of NA/,
    )
    for (const { stderr } of [flag, variable, config]) {
      expect(stderr).not.toMatch(/\b(baseUrl|environmentId|authBaseUrl)\b(?! in --config)/)
      expect(stderr).not.toMatch(/not a url|env-1|Mars/)
      expect(stderr).toMatch(/^Run `redirectless login --help` for usage\.$/m)
    }
  })

  it('after a wrong code says so in words, once, and asks again without announcing the code twice', async () => {
    const stdin = input()
    const codes: string[] = []
    const stop = emu.outbox.subscribe((m) => {
      if (m.username !== 'joe' || !m.otp) return
      codes.push(m.otp)
      const wrong = m.otp === '000000' ? '111111' : '000000'
      stdin.write(`${wrong}\n${m.otp}\n`)
    })
    const { code, stdout, stderr } = await run(['login', '--username', 'joe'], { env: tenantEnv(), stdin })
      .done
    stop()
    expect(code).toBe(0)
    expect(stderr.match(/PingOne sent a code/g)).toHaveLength(1)
    expect(stderr.match(/^Code \(leave empty to choose another device\):/gm)).toHaveLength(2)
    expect(stderr).toMatch(/^✖ PingOne: the code was wrong \(INVALID_OTP\); 2 attempts left$/m)
    // Not PingOne's developer text, nor the request's URL.
    expect(stderr).not.toMatch(/INVALID_DATA|validation errors|otp\.check \(|http:\/\//)
    expect(stdout).toMatch(/signed in at PingFederate and PingOne/)
    expectNoSecrets(stdout + stderr, [...secretsOf(), ...codes])
  })

  it('ends in words when every attempt is wrong and PingOne gives up', async () => {
    const stdin = input()
    const stop = emu.outbox.subscribe((m) => {
      if (m.username === 'joe' && m.otp)
        stdin.write(`${m.otp === '000000' ? '111111' : '000000'}\n`.repeat(3))
    })
    const { code, stderr } = await run(['login', '--username', 'joe'], { env: tenantEnv(), stdin }).done
    stop()
    expect(code).toBe(1)
    expect(stderr).toMatch(/^✖ PingOne: the code was wrong \(INVALID_OTP\); 1 attempt left$/m)
    expect(stderr).toMatch(/^✖ FLOW_FAILED: PingOne ended the flow: too many wrong codes \(OTP_LOCKED\)$/m)
    expect(stderr.match(/PingOne sent a code/g)).toHaveLength(1)
  })

  it('exits 4 with FLOW_EXPIRED when the flow expires while the user reads the SMS', async () => {
    // Its own emulator: moving the clock would make every later token look stale.
    const late = await startEmulator()
    const stdin = input()
    const stop = late.outbox.subscribe((m) => {
      if (m.username !== 'joe' || !m.otp) return
      late.clock.advance(16 * 60_000) // PingOne flows expire after 15 idle minutes
      stdin.write(`${m.otp}\n`)
    })
    try {
      const env = tenantEnv({
        REDIRECTLESS_PF_BASE_URL: late.pingFederate.baseUrl,
        REDIRECTLESS_P1_AUTH_BASE_URL: late.pingOne.authBaseUrl,
      })
      const { code, stderr } = await run(['login', '--username', 'joe'], { env, stdin }).done
      expect(code).toBe(4)
      expect(stderr).toMatch(/FLOW_EXPIRED: PingOne: /)
    } finally {
      stop()
      await late.close()
    }
  })

  it('exits 2 when the code never comes (stdin closed) instead of hanging', async () => {
    const { code, stderr } = await run(['login', '--username', 'joe'], { env: tenantEnv() }).done
    expect(code).toBe(2)
    expect(stderr).toMatch(/INPUT_CLOSED/)
  })

  it.each([
    ['--password', 'REDIRECTLESS_PASSWORD'],
    ['--pf-client-secret', 'REDIRECTLESS_PF_CLIENT_SECRET'],
    ['--p1-client-secret', 'REDIRECTLESS_P1_CLIENT_SECRET'],
    ['--login-hint-secret', 'REDIRECTLESS_LOGIN_HINT_SECRET'],
    ['--client-secret', 'REDIRECTLESS_CLIENT_SECRET'],
  ])('refuses the secret flag %s, pointing at %s, without echoing the value', async (flag, home) => {
    for (const argv of [
      ['login', flag, 'hunter2-sekrit'],
      ['login', `${flag}=hunter2-sekrit`],
    ]) {
      const { code, stderr } = await run(argv, { env: tenantEnv() }).done
      expect(code).toBe(2)
      expect(stderr).toContain(`${flag} looks like a secret`)
      expect(stderr).toContain(home)
      expect(stderr).not.toContain('hunter2-sekrit')
    }
  })

  it('lists every missing setting with where to give it (exit 2)', async () => {
    const { code, stderr } = await run(['login'], { env: {} }).done
    expect(code).toBe(2)
    for (const name of [
      'REDIRECTLESS_PF_BASE_URL',
      'REDIRECTLESS_P1_ENVIRONMENT_ID',
      'REDIRECTLESS_LOGIN_HINT_SECRET',
    ])
      expect(stderr).toContain(name)
  })

  it('refuses a plain-http login-hint URL that is not loopback', async () => {
    const { code, stderr } = await run(['login', '--login-hint-url', 'http://hints.example.com/token'], {
      env: tenantEnv(),
    }).done
    expect(code).toBe(2)
    expect(stderr).toMatch(/must use https/)
  })

  it('refuses an unknown key in the config file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'redirectless-cli-'))
    const file = join(dir, 'bad.json')
    writeFileSync(file, JSON.stringify({ pingFederate: { baseUrl: 'https://x', clientSecrett: 'typo' } }))
    const { code, stderr } = await run(['login', '--config', file], { env: tenantEnv() }).done
    expect(code).toBe(2)
    expect(stderr).toMatch(/Unknown key pingFederate\.clientSecrett/)
    expect(stderr).not.toContain('typo')
  })
})
