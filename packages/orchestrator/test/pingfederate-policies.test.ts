import { createEmulator, type Emulator, type EmulatorOptions, startEmulator } from '@redirectless/emulator'
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
    extra: Partial<HybridLoginOptions> = {},
    onUpdate?: (emu: Emulator, step: HybridLoginStep & { phase: string }) => void,
  ) {
    const options = { pingFederate: pingFederate ?? {} }
    emu = mode === 'http' ? await startEmulator(options) : createEmulator(options)
    const running = emu
    const machine = createHybridLoginMachine(
      hybridOptions(running, extra, mode === 'http' ? null : running.fetch),
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
})
