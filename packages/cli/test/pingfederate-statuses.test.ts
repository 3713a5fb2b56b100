import { type Emulator, type EmulatorOptions, startEmulator } from '@redirectless/emulator'
import { afterEach, describe, expect, it } from 'vitest'
import { expectNoSecrets, input, otpLike, run, waitFor } from './support.js'

// Issue 12 §3: `redirectless demo` and `redirectless login` on each PingFederate policy. The demo
// answers by itself (--yes); `login` on a pipe reads each answer as a line, which is what a person
// types at the prompts, so these tests drive the real prompts end to end.

describe.concurrent('redirectless demo --pf-policy (non-interactive, in-process)', () => {
  it('pingone-mfa: the device, the code from the outbox, then PingOne', async () => {
    const { code, stdout, stderr } = await run(['demo', '--pf-policy', 'pingone-mfa', '--yes']).done
    expect(stderr).toBe('')
    expect(code).toBe(0)
    expect(stdout).toMatch(/PingFederate +DEVICE_SELECTION_REQUIRED +→ selectDevice +chose EMAIL/)
    expect(stdout).toMatch(/PingFederate +OTP_REQUIRED +→ checkOtp +code received by EMAIL/)
    expect(stdout).toMatch(/PingOne +OTP_REQUIRED +→ otp\.check/)
    expect(otpLike(stdout)).toEqual([])
    expectNoSecrets(stdout)
  })

  it('pingid with ann: a push PingFederate waits on, then PingOne', async () => {
    const { code, stdout } = await run(['demo', '--pf-policy', 'pingid', '--user', 'ann', '--yes']).done
    expect(code).toBe(0)
    expect(stdout).toMatch(/PingFederate +DEVICE_SELECTION_REQUIRED +→ selectDevice +chose MOBILE/)
    expect(stdout).toMatch(/PingFederate +PUSH_CONFIRMATION_WAITING +→ poll/)
  })

  it('pingone-mfa with fido: the software security key', async () => {
    const { code, stdout } = await run(['demo', '--pf-policy', 'pingone-mfa', '--user', 'fido', '--yes']).done
    expect(code).toBe(0)
    expect(stdout).toMatch(/PingFederate +ASSERTION_REQUIRED +→ checkAssertion +the security key signed/)
  })

  it('password-expiring: the password is kept for now', async () => {
    const { code, stdout } = await run(['demo', '--pf-policy', 'password-expiring', '--yes']).done
    expect(code).toBe(0)
    expect(stdout).toMatch(/NEW_PASSWORD_RECOMMENDED +→ continueAuthentication +kept the password for now/)
  })

  it('social: the emulated pop-up signs on while the machine waits', async () => {
    const { code, stdout } = await run(['demo', '--pf-policy', 'social', '--yes', '--json']).done
    expect(code).toBe(0)
    const out = JSON.parse(stdout)
    expect(out.steps).toContainEqual(
      expect.objectContaining({
        stage: 'pingFederate',
        status: 'EXTERNAL_AUTHENTICATION_REQUIRED',
        action: 'poll',
      }),
    )
  })

  it('resume: RESUME is a coded browser-required failure (exit 1)', async () => {
    const { code, stderr } = await run(['demo', '--pf-policy', 'resume', '--yes']).done
    expect(code).toBe(1)
    expect(stderr).toMatch(/RESUME_REQUIRED/)
  })

  it('refuses an unknown policy (and a prototype name) with exit 2', async () => {
    for (const policy of ['nope', 'constructor']) {
      const { code, stderr } = await run(['demo', '--pf-policy', policy]).done
      expect(code).toBe(2)
      expect(stderr).toMatch(/--pf-policy must be one of pingone-mfa, pingid, self-service/)
    }
  })

  it('lists the policies in --help', async () => {
    const { stdout } = await run(['demo', '--help']).done
    expect(stdout).toMatch(/PingFederate policies \(--pf-policy[\s\S]*self-service +password change/)
  })
})

describe('redirectless login on PingFederate policies (prompts on a pipe, startEmulator over HTTP)', () => {
  let emu: Emulator | undefined
  afterEach(async () => {
    await emu?.close()
    emu = undefined
  })

  async function login(pingFederate: EmulatorOptions['pingFederate'], username: string) {
    emu = await startEmulator({ pingFederate: pingFederate ?? {} })
    const env = {
      REDIRECTLESS_PF_BASE_URL: emu.pingFederate.baseUrl,
      REDIRECTLESS_PF_CLIENT_ID: emu.pingFederate.clientId,
      REDIRECTLESS_P1_AUTH_BASE_URL: emu.pingOne.authBaseUrl,
      REDIRECTLESS_P1_ENVIRONMENT_ID: emu.pingOne.environmentId,
      REDIRECTLESS_P1_CLIENT_ID: emu.pingOne.clientId,
      REDIRECTLESS_P1_CLIENT_SECRET: emu.pingOne.clientSecret,
      REDIRECTLESS_P1_ACR_VALUES: emu.pingOne.mfaOnlyAcrValues,
      REDIRECTLESS_LOGIN_HINT_ISSUER: emu.pingOne.loginHintIssuer.clientId,
      REDIRECTLESS_LOGIN_HINT_SECRET: emu.pingOne.loginHintIssuer.secret,
    }
    const stdin = input()
    const cli = run(['login', '--username', username], { env, stdin })
    // Each prompt is looked for after the last one answered, so two alike ("Code") are told apart.
    let answered = 0
    const next = async (prompt: RegExp, line: string | (() => string)) => {
      await waitFor(() => cli.stderr.text().slice(answered), prompt)
      answered = cli.stderr.text().length
      stdin.write(`${typeof line === 'string' ? line : line()}\n`)
    }
    const after = (pattern: RegExp) => waitFor(() => cli.stderr.text().slice(answered), pattern)
    const code = (user: string) => () => emu?.outbox.last(user)?.otp ?? ''
    return { cli, next, after, code }
  }

  it('pingone-mfa: the device menu and the code typed at PingFederate, then PingOne', async () => {
    const { cli, next, code } = await login({ mfa: { type: 'pingone-mfa' } }, 'joe')
    await next(/Password:/, '2FederateM0re')
    await next(
      /PingFederate asks for a second factor\. Which device\?\n {2}1\) E-mail to jo\*\*\*\*@example\.com\n {2}2\) Text message to \*+01\n/,
      '2',
    )
    await next(/Code \(empty to choose another device, "resend" for a new code\):/, 'resend')
    await next(/Code \(empty to choose another device, "resend" for a new code\):/, code('joe'))
    await next(/Code \(leave empty to choose another device\):/, code('joe'))
    const { code: exit, stdout, stderr } = await cli.done
    expect(exit).toBe(0)
    expect(stdout).toMatch(/PingFederate +OTP_REQUIRED +checkOtp/)
    expectNoSecrets(stdout + stderr)
  })

  it('self-service: forgot password → the e-mailed code → a new password → sign on with it', async () => {
    const { cli, next, after, code } = await login(
      { htmlForm: { accountRecovery: true, passwordChange: true } },
      'joe',
    )
    await next(
      /PingFederate sign-on\n {2}1\) Sign on\n {2}2\) Forgot password\n {2}3\) Change password\n/,
      '2',
    )
    await next(/Username of the account to recover \[joe\]:/, '')
    await next(/Code:/, code('joe'))
    await next(/New password:/, 'Reset-passw0rd')
    await after(/Your password was reset/)
    await next(/PingFederate sign-on/, '1')
    await next(/Password:/, 'Reset-passw0rd')
    await next(/Code \(leave empty to choose another device\):/, code('joe'))
    const { code: exit, stdout, stderr } = await cli.done
    expect(exit).toBe(0)
    expect(stdout).toMatch(/PingFederate +RECOVERY_CODE_REQUIRED +checkRecoveryCode/)
    expectNoSecrets(stdout + stderr, ['Reset-passw0rd'])
  })

  it('self-service: create an account, then PingOne refuses a user it does not know', async () => {
    const { cli, next } = await login({ htmlForm: { registration: true } }, 'neo')
    await next(/PingFederate sign-on\n {2}1\) Sign on\n {2}2\) Create an account\n/, '2')
    await next(/Username:/, 'neo')
    await next(/Email:/, 'neo@example.com')
    await next(/First name \(optional\):/, 'Thomas')
    await next(/Last name \(optional\):/, '')
    await next(/Password:/, 'A-good-passw0rd')
    const { code: exit, stdout, stderr } = await cli.done
    // PingFederate signed neo in; the PingOne step-up has no user neo.
    expect(stdout + stderr).toMatch(/PingOne/)
    expect(exit).not.toBe(0)
    expect(stderr).not.toMatch(/PingFederate asks for/)
  })
})
