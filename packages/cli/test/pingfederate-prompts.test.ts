import { createEmulator } from '@redirectless/emulator'
import type { HybridLoginStep } from '@redirectless/orchestrator'
import { describe, expect, it } from 'vitest'
import type { StepReport } from '../src/answers/answerer.js'
import {
  autoPingFederateStatuses,
  promptedPingFederateStatuses,
} from '../src/answers/pingfederate-statuses.js'
import type { Prompter } from '../src/prompts/prompter.js'

/** A prompter that answers from a script and records what it was asked. */
function scripted(answers: (string | boolean)[]) {
  const asked: string[] = []
  const take = (message: string) => {
    asked.push(message)
    if (answers.length === 0) throw new Error(`nothing scripted for "${message}"`)
    return answers.shift() as never
  }
  const prompter: Prompter = {
    tty: false,
    text: async (message) => take(message),
    secret: async (message) => take(message),
    select: async (message, choices) => {
      const answer = take(message) as string
      return (choices.find((c) => c.label === answer)?.value ?? answer) as never
    },
    confirm: async (message) => take(message),
    note: (body, title) => void asked.push(`note ${title}: ${body}`),
    info: (m) => void asked.push(`info ${m}`),
    success: (m) => void asked.push(`success ${m}`),
    warn: (m) => void asked.push(`warn ${m}`),
    error: (m) => void asked.push(`error ${m}`),
    wait: (m) => {
      asked.push(`wait ${m}`)
      return { message: () => {}, stop: () => {} }
    },
    close: () => {},
  }
  return { prompter, asked }
}

const step = (status: string, state: object, actions: string[] = []): HybridLoginStep =>
  ({
    stage: 'pingFederate',
    status,
    state: { id: 'F1', status, ...state },
    actions,
    waiting: false,
    error: undefined,
    canRetry: false,
    retry: undefined,
    pingFederateClaims: undefined,
    pingOneClaims: undefined,
    mfaSkipped: false,
  }) as unknown as HybridLoginStep

function statuses(answers: (string | boolean)[], emulator = createEmulator()) {
  const { prompter, asked } = scripted(answers)
  const reports: StepReport[] = []
  const pf = promptedPingFederateStatuses({
    prompter,
    report: (r) => reports.push(r),
    emulator,
    credentials: () => ({ username: 'joe', password: 'pw' }),
  })
  return { pf, asked, reports, emulator }
}

describe('the PingFederate prompts', () => {
  it('a password about to expire: change now, or keep it', async () => {
    const keep = statuses([false])
    expect(await keep.pf.answer(step('NEW_PASSWORD_RECOMMENDED', { daysToExpire: 1 }))).toEqual({
      action: 'continueAuthentication',
    })
    expect(keep.asked).toEqual(['Your password expires tomorrow. Change it now?'])
    const change = statuses([true])
    expect(await change.pf.answer(step('NEW_PASSWORD_RECOMMENDED', { daysToExpire: 0 }))).toEqual({
      action: 'initiatePasswordChange',
    })
  })

  it('current credentials, then a new password (the current one only when asked for)', async () => {
    const { pf, asked } = statuses(['ann', 'old', 'new-one', 'current', 'newer'])
    expect(await pf.answer(step('CURRENT_CREDENTIALS_REQUIRED', {}))).toEqual({
      action: 'checkCurrentCredentials',
      body: { username: 'ann', password: 'old' },
    })
    expect(
      await pf.answer(step('NEW_PASSWORD_REQUIRED', { username: 'ann', existingPasswordRequired: false })),
    ).toEqual({
      action: 'checkNewPassword',
      body: { username: 'ann', newPassword: 'new-one' },
    })
    expect(
      await pf.answer(step('NEW_PASSWORD_REQUIRED', { username: 'ann', existingPasswordRequired: true })),
    ).toEqual({
      action: 'checkNewPassword',
      body: { username: 'ann', newPassword: 'newer', existingPassword: 'current' },
    })
    expect(asked).toEqual([
      'Username',
      'Current password',
      'New password',
      'Current password',
      'New password',
    ])
  })

  it('username recovery: the address, then the e-mail the emulator sent', async () => {
    const { pf, asked } = statuses(['ann@example.com'])
    expect(await pf.answer(step('USERNAME_RECOVERY_EMAIL_REQUIRED', {}))).toEqual({
      action: 'checkUsernameRecoveryEmail',
      body: { email: 'ann@example.com' },
    })
    expect(await pf.answer(step('USERNAME_RECOVERY_EMAIL_SENT', {}))).toEqual({
      action: 'continueAuthentication',
    })
    expect(asked.at(-1)).toMatch(/^info PingFederate e-mailed the username/)
  })

  it('an unlocked account: sign on, or reset the password too', async () => {
    const { pf } = statuses([true])
    expect(await pf.answer(step('SUCCESSFUL_ACCOUNT_UNLOCK', {}))).toEqual({
      action: 'continueAccountRecovery',
    })
  })

  it('the sign-on menu offers only what the state links, and "Sign on" leaves the password to the shared prompts', async () => {
    const signOn = statuses(['Sign on'])
    const form = step(
      'USERNAME_PASSWORD_REQUIRED',
      { alternativeAuthenticationSources: [{ name: 'Social' }] },
      ['checkUsernamePassword', 'recoverUsername', 'useAlternativeAuthenticationSource'],
    )
    expect(await signOn.pf.answer(form)).toBeUndefined()
    const social = statuses(['Sign on with Social'])
    expect(await social.pf.answer(form)).toEqual({
      action: 'useAlternativeAuthenticationSource',
      body: { authenticationSource: 'Social' },
    })
    const plain = statuses([])
    expect(
      await plain.pf.answer(step('USERNAME_PASSWORD_REQUIRED', {}, ['checkUsernamePassword'])),
    ).toBeUndefined()
  })

  it('MFA: a security key touched (the emulated one), a dead end cancelled, a new e-mail device paired', async () => {
    const { pf, reports } = statuses([true, true, 'EMAIL', 'ned@example.com'])
    const fido = await pf
      .answer(
        step('ASSERTION_REQUIRED', {
          publicKeyCredentialRequestOptions: { challenge: [1, 2, 3], allowCredentials: [] },
        }),
      )
      .catch((e) => e)
    // No allowed credential in these options: the software key refuses, as a browser would.
    expect(fido).toMatchObject({ name: 'NotAllowedError' })
    expect(
      await pf.answer(step('MFA_FAILED', { code: 'OTP_ATTEMPTS_LIMIT', userMessage: 'Too many.' })),
    ).toEqual({
      action: 'cancelAuthentication',
    })
    expect(await pf.answer(step('MFA_SETUP_REQUIRED', {}))).toEqual({ action: 'setupMfa' })
    expect(
      await pf.answer(
        step('DEVICE_PAIRING_METHOD_REQUIRED', { devicePairingMethods: [{ deviceType: 'EMAIL' }] }),
      ),
    ).toEqual({ action: 'selectDevicePairingMethod', body: { devicePairingMethod: { deviceType: 'EMAIL' } } })
    expect(await pf.answer(step('EMAIL_PAIRING_TARGET_REQUIRED', {}))).toEqual({
      action: 'submitEmailTarget',
      body: { email: 'ned@example.com' },
    })
    expect(reports.map((r) => r.action)).toContain('submitEmailTarget')
  })

  it('a denied push, a failed external sign-on: the error shown, then cancel; device management resumed', async () => {
    const { pf, asked } = statuses([])
    expect(await pf.answer(step('PUSH_CONFIRMATION_REJECTED', {}, ['cancelAuthentication']))).toEqual({
      action: 'cancelAuthentication',
    })
    expect(await pf.answer(step('EXTERNAL_AUTHENTICATION_FAILED', {}, ['cancelAuthentication']))).toEqual({
      action: 'cancelAuthentication',
    })
    expect(asked).toEqual([
      'error PingFederate: PUSH_CONFIRMATION_REJECTED',
      'error The external sign-on did not complete.',
    ])
    expect(
      await pf.answer(
        step('DEVICE_MANAGEMENT', { devices: [] }, ['resumeAuthentication', 'setDefaultDevice']),
      ),
    ).toEqual({ action: 'resumeAuthentication' })
  })

  it('a REDIRECT external authentication cannot be answered from a terminal', async () => {
    const { pf } = statuses([])
    await expect(
      pf.answer(
        step('EXTERNAL_AUTHENTICATION_REQUIRED', { presentationMode: 'REDIRECT', authenticationUrl: 'x' }),
      ),
    ).rejects.toMatchObject({ code: 'UNSUPPORTED_STEP' })
  })

  it('waits on a push and on an external pop-up, and leaves other waits to the shared code', () => {
    const { pf, asked } = statuses([])
    const waiting = (status: string, state: object = {}) =>
      ({ ...step(status, state), stage: 'pingFederate' }) as HybridLoginStep
    expect(pf.wait(waiting('PUSH_CONFIRMATION_WAITING'))).toBeDefined()
    expect(
      pf.wait(waiting('EXTERNAL_AUTHENTICATION_REQUIRED', { authenticationUrl: 'https://pf/ext/1' })),
    ).toBeDefined()
    expect(
      pf.wait({ ...waiting('PUSH_CONFIRMATION_REQUIRED'), stage: 'pingOne' } as HybridLoginStep),
    ).toBeUndefined()
    expect(asked).toEqual([
      'wait Waiting for the push to be approved on the (emulated) phone',
      'note External sign-on (emulated pop-up): https://pf/ext/1',
      'wait Waiting for the external sign-on',
    ])
  })
})

describe("the demo's PingFederate answers (non-interactive)", () => {
  it('a dead end fails the login with its code: MFA_FAILED, a denied push, a failed external sign-on', () => {
    const auto = autoPingFederateStatuses({ emulator: createEmulator(), report: () => {}, username: 'joe' })
    for (const [status, state] of [
      ['MFA_FAILED', { code: 'OTP_ATTEMPTS_LIMIT' }],
      ['PUSH_CONFIRMATION_REJECTED', {}],
      ['EXTERNAL_AUTHENTICATION_FAILED', {}],
    ] as const) {
      expect(() => auto.answer(step(status, state, ['cancelAuthentication']))).toThrowError(
        expect.objectContaining({
          code: 'FLOW_FAILED',
          message: expect.stringContaining(status === 'MFA_FAILED' ? 'OTP_ATTEMPTS_LIMIT' : status),
        }),
      )
    }
    auto.close()
  })
})
