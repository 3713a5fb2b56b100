import { type Emulator, startEmulator } from '@redirectless/emulator'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { expectNoSecrets, input, run } from './support.js'

let emu: Emulator

beforeAll(async () => {
  emu = await startEmulator()
})
afterAll(() => emu.close())

function tenantEnv(): Record<string, string> {
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
  }
}

/** Types each code the emulator sends to joe; `onCode` runs first (the PingFederate stage is done by then). */
function typeCodes(stdin: ReturnType<typeof input>, onCode: () => void = () => {}) {
  const typed: string[] = []
  const stop = emu.outbox.subscribe((m) => {
    if (m.username === 'joe' && m.otp) {
      onCode()
      typed.push(m.otp)
      stdin.write(`${m.otp}\n`)
    }
  })
  return { typed, stop }
}

const SCOPE = ['--pf-scope', 'openid profile offline_access']
const secrets = () => [emu.pingOne.clientSecret, emu.pingOne.loginHintIssuer.secret]

describe('redirectless login --refresh --revoke (against startEmulator over HTTP)', () => {
  it('refreshes and revokes each stage after the login, printing what was done and no token', async () => {
    const stdin = input()
    const codes = typeCodes(stdin)
    const { code, stdout, stderr } = await run(
      ['login', '--username', 'joe', ...SCOPE, '--refresh', '--revoke'],
      {
        env: tenantEnv(),
        stdin,
      },
    ).done
    codes.stop()
    expect(code).toBe(0)
    expect(stdout).toMatch(/✔ PingFederate refresh: renewed, id_token validated, refresh token rotated/)
    expect(stdout).toMatch(/✔ PingFederate revoke: revoked refresh token and access token/)
    expect(stdout).toMatch(/✔ PingOne refresh: no refresh token \(scope without offline_access\)/)
    expect(stdout).toMatch(/✔ PingOne revoke: revoked access token/)
    expectNoSecrets(stdout + stderr, [...secrets(), ...codes.typed])
  })

  it('--json adds a lifecycle list to the one JSON object', async () => {
    const stdin = input()
    const codes = typeCodes(stdin)
    const { code, stdout, stderr } = await run(
      ['login', '--username', 'joe', ...SCOPE, '--refresh', '--json'],
      {
        env: tenantEnv(),
        stdin,
      },
    ).done
    codes.stop()
    expect(code).toBe(0)
    const report = JSON.parse(stdout) as { ok: boolean; lifecycle: unknown[] }
    expect(report.ok).toBe(true)
    expect(report.lifecycle).toEqual([
      {
        stage: 'pingFederate',
        action: 'refresh',
        outcome: 'renewed, id_token validated, refresh token rotated',
      },
      { stage: 'pingOne', action: 'refresh', outcome: 'no refresh token (scope without offline_access)' },
    ])
    expectNoSecrets(stdout + stderr, [...secrets(), ...codes.typed])
  })

  it('a refused refresh is a coded failure naming the stage and the OAuth error', async () => {
    const stdin = input()
    let removeFault: (() => void) | undefined
    // Once PingOne sends the code, PingFederate's code exchange is behind us: its next token call is the refresh.
    const codes = typeCodes(stdin, () => {
      removeFault ??= emu.faults.add({
        product: 'pingfederate',
        route: 'token',
        times: 1,
        fault: {
          kind: 'status',
          status: 400,
          body: JSON.stringify({
            error: 'invalid_grant',
            error_description: 'unknown, invalid, or expired refresh token',
          }),
          contentType: 'application/json',
        },
      })
    })
    const { code, stdout, stderr } = await run(
      ['login', '--username', 'joe', ...SCOPE, '--refresh', '--json'],
      {
        env: tenantEnv(),
        stdin,
      },
    ).done
    codes.stop()
    removeFault?.()
    expect(code).not.toBe(0)
    const report = JSON.parse(stdout) as {
      ok: boolean
      error: { code: string; stage?: string; reason?: string }
    }
    expect(report.ok).toBe(false)
    expect(report.error).toMatchObject({
      code: 'TOKEN_ERROR',
      stage: 'pingFederate',
      reason: 'invalid_grant',
    })
    expectNoSecrets(stdout + stderr, [...secrets(), ...codes.typed])
  })
})
