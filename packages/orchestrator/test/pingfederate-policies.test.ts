import { toughCookieJar } from '@redirectless/core/cookies'
import {
  createEmulator,
  defaultPingFederateConfig,
  type Emulator,
  type EmulatorOptions,
  startEmulator,
} from '@redirectless/emulator'
import { createPingFederateClient, type PingFederateClientOptions } from '@redirectless/pingfederate'
import { afterEach, describe, expect, it } from 'vitest'
import {
  createHybridLoginMachine,
  type HybridLoginAnswer,
  type HybridLoginOptions,
  type HybridLoginStep,
  runHybridLogin,
} from '../src/index.js'
import { answerAs } from './answers.js'
import { hybridOptions, PASSWORD, pingOneId } from './support.js'

// Issue 12 §3: every PingFederate policy of §2, through the machine's PingFederate stage and on to
// PingOne, in-process and over real HTTP. PingFederate's "go on" statuses (AUTHENTICATION_REQUIRED,
// MFA_COMPLETED, EXTERNAL_AUTHENTICATION_COMPLETED) are answered by the machine itself, as Ping's
// widget does: the answers below never see them.

type PfAnswers = Record<string, (step: HybridLoginStep) => HybridLoginAnswer>

describe.each(['in-process', 'http'] as const)('the PingFederate stage on each policy (%s)', (mode) => {
  let emu: Emulator | undefined
  afterEach(async () => {
    await emu?.close()
    emu = undefined
  })

  async function login(
    pingFederate: EmulatorOptions['pingFederate'],
    username: string,
    answers: (emu: Emulator) => PfAnswers,
    extra: Partial<HybridLoginOptions> | ((emu: Emulator) => Partial<HybridLoginOptions>) = {},
    onUpdate?: (emu: Emulator, step: HybridLoginStep & { phase: string }) => void,
  ) {
    const options = { pingFederate: pingFederate ?? {} }
    emu = mode === 'http' ? await startEmulator(options) : createEmulator(options)
    const running = emu
    const machine = createHybridLoginMachine(
      hybridOptions(
        running,
        typeof extra === 'function' ? extra(running) : extra,
        mode === 'http' ? null : running.fetch,
      ),
    )
    // ann has TOTP and push at PingOne: she types the TOTP code.
    const pingOne = answerAs(running, username, username === 'ann' ? { device: 'TOTP' } : {})
    const pf = answers(running)
    const seen: string[] = []
    const result = await runHybridLogin({
      machine,
      onStep: (step) => {
        seen.push(`${step.stage}:${step.status}`)
        const answer = step.stage === 'pingFederate' && step.status ? pf[step.status] : undefined
        return answer ? answer(step) : pingOne(step)
      },
      ...(onUpdate && { onUpdate: (step) => onUpdate(running, step) }),
    })
    return { result, seen, emu: running }
  }

  const password =
    (username: string, secret = PASSWORD) =>
    (): HybridLoginAnswer => ({ action: 'checkUsernamePassword', body: { username, password: secret } })
  const code = (emu: Emulator, username: string) => emu.outbox.last(username)?.otp ?? ''
  /** The machine's PingFederate client, with other options (another OAuth client, followResume). */
  const pfClient =
    (options: Partial<PingFederateClientOptions>) =>
    (emu: Emulator): Partial<HybridLoginOptions> => ({
      pingFederate: createPingFederateClient({
        baseUrl: emu.pingFederate.baseUrl,
        clientId: emu.pingFederate.clientId,
        cookies: toughCookieJar,
        ...(mode === 'http' ? {} : { fetch: emu.fetch }),
        ...options,
      }),
    })

  it('PingOne MFA adapter (e-mail OTP) at PingFederate, then PingOne MFA', async () => {
    const { result, seen, emu } = await login({ mfa: { type: 'pingone-mfa' } }, 'joe', (emu) => ({
      USERNAME_PASSWORD_REQUIRED: password('joe'),
      DEVICE_SELECTION_REQUIRED: () => ({ action: 'selectDevice', body: { deviceRef: { id: 'joe-email' } } }),
      OTP_REQUIRED: () => ({ action: 'checkOtp', body: { otp: code(emu, 'joe') } }),
    }))
    // AUTHENTICATION_REQUIRED and MFA_COMPLETED were continued by the machine.
    expect(seen.filter((s) => s.startsWith('pingFederate'))).toEqual([
      'pingFederate:USERNAME_PASSWORD_REQUIRED',
      'pingFederate:DEVICE_SELECTION_REQUIRED',
      'pingFederate:OTP_REQUIRED',
    ])
    expect(seen).toContain('pingOne:OTP_REQUIRED')
    expect(result.pingFederate.claims?.sub).toBe('joe')
    expect(result.pingOne?.claims?.sub).toBe(pingOneId(emu, 'joe'))
  })

  it('PingOne MFA adapter push: the machine polls until the phone approves', async () => {
    const phases: string[] = []
    const { result } = await login(
      { mfa: { type: 'pingone-mfa', deviceSelection: 'default', approveAfterPolls: 2 } },
      'ann',
      () => ({ USERNAME_PASSWORD_REQUIRED: password('ann') }),
      {},
      (_emu, step) => {
        if (step.stage === 'pingFederate') phases.push(`${step.phase}:${step.status}`)
      },
    )
    expect(phases).toContain('waiting:PUSH_CONFIRMATION_WAITING')
    expect(result.pingFederate.claims?.sub).toBe('ann')
  })

  it('PingOne MFA adapter with a FIDO2 key', async () => {
    const { result } = await login({ mfa: { type: 'pingone-mfa' } }, 'fido', (emu) => ({
      USERNAME_PASSWORD_REQUIRED: password('fido'),
      ASSERTION_REQUIRED: (step) => {
        const origin = 'https://localhost'
        const options = (step.state as unknown as { publicKeyCredentialRequestOptions: object })
          .publicKeyCredentialRequestOptions
        return {
          action: 'checkAssertion',
          body: { assertion: emu.fido.getAssertion(options, origin), origin, compatibility: 'FULL' },
        }
      },
    }))
    expect(result.pingFederate.claims?.sub).toBe('fido')
  })

  it('PingID adapter (SMS OTP), then PingOne', async () => {
    const { result, seen } = await login({ mfa: { type: 'pingid' } }, 'joe', (emu) => ({
      USERNAME_PASSWORD_REQUIRED: password('joe'),
      DEVICE_SELECTION_REQUIRED: () => ({ action: 'selectDevice', body: { deviceRef: { id: 'joe-sms' } } }),
      OTP_REQUIRED: () => ({ action: 'checkOtp', body: { otp: code(emu, 'joe') } }),
    }))
    expect(seen[0]).toBe('pingFederate:USERNAME_PASSWORD_REQUIRED')
    expect(result.pingOne?.claims).toBeDefined()
  })

  it('password change from the sign-on form, then PingOne', async () => {
    const { result } = await login({ htmlForm: { passwordChange: true } }, 'joe', () => ({
      USERNAME_PASSWORD_REQUIRED: () => ({ action: 'initiatePasswordChange' }),
      CURRENT_CREDENTIALS_REQUIRED: () => ({
        action: 'checkCurrentCredentials',
        body: { username: 'joe', password: PASSWORD },
      }),
      NEW_PASSWORD_REQUIRED: () => ({
        action: 'checkNewPassword',
        body: { username: 'joe', newPassword: 'A-new-passw0rd' },
      }),
      SUCCESSFUL_PASSWORD_CHANGE: () => ({ action: 'continueAuthentication' }),
    }))
    expect(result.pingOne?.claims).toBeDefined()
  })

  it('password reset by an e-mailed code, then sign-on and PingOne', async () => {
    let reset = false
    const { result } = await login({ htmlForm: { accountRecovery: true } }, 'joe', (emu) => ({
      USERNAME_PASSWORD_REQUIRED: () =>
        reset
          ? password('joe', 'Reset-passw0rd')()
          : { action: 'initiateAccountRecovery', body: { usernameHint: 'joe' } },
      ACCOUNT_RECOVERY_USERNAME_REQUIRED: () => ({
        action: 'checkAccountRecoveryUsername',
        body: { username: 'joe' },
      }),
      RECOVERY_CODE_REQUIRED: () => ({
        action: 'checkRecoveryCode',
        body: { recoveryCode: code(emu, 'joe') },
      }),
      PASSWORD_RESET_REQUIRED: () => ({
        action: 'checkPasswordReset',
        body: { newPassword: 'Reset-passw0rd' },
      }),
      SUCCESSFUL_PASSWORD_RESET: () => {
        reset = true
        return { action: 'continueAuthentication' }
      },
    }))
    expect(result.pingFederate.claims?.sub).toBe('joe')
  })

  it('registration, then PingOne (a subject mapper names the PingOne user)', async () => {
    const { result } = await login(
      { htmlForm: { registration: true } },
      'joe',
      () => ({
        USERNAME_PASSWORD_REQUIRED: () => ({ action: 'initiateRegistration' }),
        REGISTRATION_REQUIRED: () => ({
          action: 'registerUser',
          body: { password: 'A-good-passw0rd', fieldValues: { username: 'neo', email: 'neo@example.com' } },
        }),
      }),
      // The new account is linked to joe's PingOne user, as a real deployment's mapping would.
      { subject: (pf) => (pf.claims?.sub === 'neo' ? 'joe' : String(pf.claims?.sub)) },
    )
    expect(result.pingFederate.claims?.sub).toBe('neo')
    expect(result.pingOne?.claims).toBeDefined()
  })

  it('external authentication in a pop-up: the machine waits, then continues by itself', async () => {
    const { result, seen } = await login(
      { externalSources: [{ name: 'Emulator Social', username: 'ann' }] },
      'ann',
      () => ({
        USERNAME_PASSWORD_REQUIRED: () => ({
          action: 'useAlternativeAuthenticationSource',
          body: { authenticationSource: 'Emulator Social' },
        }),
      }),
      {},
      (emu, step) => {
        if (step.phase === 'waiting' && step.status === 'EXTERNAL_AUTHENTICATION_REQUIRED')
          setTimeout(() => emu.pingFederateExternal.complete(), 20)
      },
    )
    expect(seen.filter((s) => s.startsWith('pingFederate'))).toEqual([
      'pingFederate:USERNAME_PASSWORD_REQUIRED',
    ])
    expect(result.pingFederate.claims?.sub).toBe('ann')
  })

  it('RESUME ends the login with RESUME_REQUIRED (a browser must go on)', async () => {
    const error = await login({ nonApiStep: { interactive: false } }, 'joe', () => ({
      USERNAME_PASSWORD_REQUIRED: password('joe'),
    })).catch((e) => e)
    expect(error).toMatchObject({ code: 'RESUME_REQUIRED' })
  })

  it('external authentication with presentationMode REDIRECT: the machine does not wait; cancelling ends it', async () => {
    let refused: unknown
    const error = await login(
      { externalSources: [{ name: 'Corporate IdP', presentationMode: 'REDIRECT', username: 'joe' }] },
      'joe',
      () => ({
        USERNAME_PASSWORD_REQUIRED: () => ({
          action: 'useAlternativeAuthenticationSource',
          body: { authenticationSource: 'Corporate IdP' },
        }),
        EXTERNAL_AUTHENTICATION_REQUIRED: (step) => {
          refused = (step.state as { presentationMode?: string }).presentationMode
          return { cancel: true }
        },
      }),
    ).catch((e) => e)
    expect(refused).toBe('REDIRECT')
    expect(error).toMatchObject({ code: 'FLOW_CANCELED' })
  })

  it('PingOne MFA adapter: a new code, then another device (resendOtp, selectDevice on OTP_REQUIRED)', async () => {
    let asked = 0
    const { result, emu } = await login(
      { mfa: { type: 'pingone-mfa', deviceSelection: 'default' } },
      'joe',
      (emu) => ({
        USERNAME_PASSWORD_REQUIRED: password('joe'),
        OTP_REQUIRED: () => {
          asked += 1
          if (asked === 1) return { action: 'resendOtp' }
          if (asked === 2) return { action: 'selectDevice', body: { deviceRef: { id: 'joe-sms' } } }
          return { action: 'checkOtp', body: { otp: code(emu, 'joe') } }
        },
      }),
    )
    // PingFederate's codes first; PingOne's MFA then sends its own.
    expect(
      emu.outbox
        .all('joe')
        .slice(0, 3)
        .map((m) => m.channel),
    ).toEqual(['EMAIL', 'EMAIL', 'SMS'])
    expect(result.pingOne?.claims).toBeDefined()
  })

  it('PingOne MFA adapter: too many wrong codes end in MFA_FAILED; cancelling fails the login', async () => {
    let status: string | undefined
    const error = await login(
      { mfa: { type: 'pingone-mfa', deviceSelection: 'default', maxOtpAttempts: 2 } },
      'joe',
      () => ({
        USERNAME_PASSWORD_REQUIRED: password('joe'),
        OTP_REQUIRED: () => ({ action: 'checkOtp', body: { otp: '000000' } }),
        MFA_FAILED: (step) => {
          status = (step.state as { code?: string }).code
          return { action: 'cancelAuthentication' }
        },
      }),
    ).catch((e) => e)
    expect(status).toBe('OTP_ATTEMPTS_LIMIT')
    expect(error).toMatchObject({ code: 'FLOW_FAILED' })
  })

  it('PingID adapter: a push the machine waits on, then PingOne', async () => {
    const phases: string[] = []
    const { result } = await login(
      { mfa: { type: 'pingid', approveAfterPolls: 2 } },
      'ann',
      () => ({
        USERNAME_PASSWORD_REQUIRED: password('ann'),
        DEVICE_SELECTION_REQUIRED: () => ({
          action: 'selectDevice',
          body: { deviceRef: { id: 'ann-mobile' } },
        }),
      }),
      {},
      (_emu, step) => {
        if (step.stage === 'pingFederate') phases.push(`${step.phase}:${step.status}`)
      },
    )
    expect(phases).toContain('waiting:PUSH_CONFIRMATION_WAITING')
    expect(result.pingOne?.claims).toBeDefined()
  })

  it('a password about to expire: NEW_PASSWORD_RECOMMENDED kept, then PingOne', async () => {
    const users = defaultPingFederateConfig.users.map((u) =>
      u.username === 'joe' ? { ...u, passwordExpiresInDays: 3 } : u,
    )
    let days: unknown
    const { result } = await login({ users }, 'joe', () => ({
      USERNAME_PASSWORD_REQUIRED: password('joe'),
      NEW_PASSWORD_RECOMMENDED: (step) => {
        days = (step.state as { daysToExpire?: number }).daysToExpire
        return { action: 'continueAuthentication' }
      },
    }))
    expect(days).toBe(3)
    expect(result.pingOne?.claims).toBeDefined()
  })

  it('username recovery by e-mail, then sign-on and PingOne', async () => {
    let recovered = false
    const { result, emu } = await login({ htmlForm: { usernameRecovery: true } }, 'ann', () => ({
      USERNAME_PASSWORD_REQUIRED: () => (recovered ? password('ann')() : { action: 'recoverUsername' }),
      USERNAME_RECOVERY_EMAIL_REQUIRED: () => ({
        action: 'checkUsernameRecoveryEmail',
        body: { email: 'ann@example.com' },
      }),
      USERNAME_RECOVERY_EMAIL_SENT: () => {
        recovered = true
        return { action: 'continueAuthentication' }
      },
    }))
    expect(emu.outbox.all('ann').map((m) => m.text)).toContain('Your username is ann.')
    expect(result.pingFederate.claims?.sub).toBe('ann')
  })

  it('a locked account unlocked by an e-mailed code (SUCCESSFUL_ACCOUNT_UNLOCK), then PingOne', async () => {
    let wrong = 0
    let unlocked = false
    const { result } = await login(
      { htmlForm: { accountRecovery: true } },
      'joe',
      (emu) => ({
        USERNAME_PASSWORD_REQUIRED: () => {
          if (unlocked) return password('lock')()
          if (wrong < 3) {
            wrong += 1
            return password('lock', `wrong-${wrong}`)()
          }
          return { action: 'initiateAccountRecovery', body: { usernameHint: 'lock' } }
        },
        ACCOUNT_RECOVERY_USERNAME_REQUIRED: () => ({
          action: 'checkAccountRecoveryUsername',
          body: { username: 'lock' },
        }),
        RECOVERY_CODE_REQUIRED: () => ({
          action: 'checkRecoveryCode',
          body: { recoveryCode: code(emu, 'lock') },
        }),
        SUCCESSFUL_ACCOUNT_UNLOCK: () => {
          unlocked = true
          return { action: 'continueAuthentication' }
        },
      }),
      // lock has no PingOne user: a subject mapper links it to joe's, as a deployment's mapping would.
      { subject: () => 'joe' },
    )
    expect(unlocked).toBe(true)
    expect(result.pingFederate.claims?.sub).toBe('lock')
    expect(result.pingOne?.claims).toBeDefined()
  })

  it('RESUME for a client in authentication-application mode ends the login with RESUME_REQUIRED', async () => {
    const error = await login(
      {},
      'joe',
      () => ({ USERNAME_PASSWORD_REQUIRED: password('joe') }),
      pfClient({ clientId: 'redirectless-authn-app' }),
    ).catch((e) => e)
    expect(error).toMatchObject({ code: 'RESUME_REQUIRED' })
  })

  it.each([
    ['a policy step that is not API-capable', { nonApiStep: { interactive: false } }, {}],
    ['a client in authentication-application mode', {}, { clientId: 'redirectless-authn-app' }],
  ] as const)(
    'RESUME followed (a client with followResume): %s, then PingOne',
    async (_, pingFederate, client) => {
      const { result } = await login(
        pingFederate,
        'joe',
        () => ({ USERNAME_PASSWORD_REQUIRED: password('joe') }),
        pfClient({ ...client, followResume: true }),
      )
      expect(result.pingFederate.claims?.sub).toBe('joe')
      expect(result.pingOne?.claims).toBeDefined()
    },
  )

  it('client_secret_jwt and private_key_jwt clients at PingFederate, then PingOne', async () => {
    for (const kind of ['jwt', 'key'] as const) {
      const { result } = await login(
        {},
        'joe',
        () => ({ USERNAME_PASSWORD_REQUIRED: password('joe') }),
        (emu) => {
          const jwt = emu.pingFederate.jwtClient
          const key = emu.pingFederate.privateKeyJwtClient
          if (!jwt || !key) throw new Error('the default clients are missing')
          return kind === 'jwt'
            ? pfClient({
                clientId: jwt.clientId,
                clientSecret: jwt.clientSecret,
                tokenEndpointAuthMethod: 'client_secret_jwt',
              })(emu)
            : pfClient({ clientId: key.clientId, clientPrivateKey: { key: key.privateKey } })(emu)
        },
      )
      expect(result.pingOne?.claims).toBeDefined()
      await emu?.close()
      emu = undefined
    }
  })
})
