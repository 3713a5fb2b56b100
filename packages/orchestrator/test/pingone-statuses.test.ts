import { createEmulator, type Emulator, type EmulatorOptions, startEmulator } from '@redirectless/emulator'
import { afterEach, describe, expect, it } from 'vitest'
import { createActor, waitFor } from 'xstate'
import {
  createHybridLoginMachine,
  type HybridLoginAnswer,
  type HybridLoginOptions,
  type HybridLoginStep,
  hybridLoginPhase,
  runHybridLogin,
  Secret,
  submitEvent,
} from '../src/index.js'
import { hybridOptions, PASSWORD, pingOneId } from './support.js'

const STRONG = 'Fresh-Start-42'
const settled = ['input', 'error', 'done', 'failed', 'canceled']

const MODES = ['in-process', 'http'] as const
type Mode = (typeof MODES)[number]

const running: Emulator[] = []
afterEach(async () => {
  await Promise.all(running.splice(0).map((emu) => emu.close()))
})

/**
 * An emulator and a machine on it: in-process through `emu.fetch`, or over real HTTP on 127.0.0.1
 * (the clients' own fetch and cookie jars, `ST` as a browser-safe `Secure` cookie on loopback).
 */
async function machineOn(
  mode: Mode,
  extra: Partial<HybridLoginOptions> = {},
  { fetch, emulator = {} }: { fetch?: typeof globalThis.fetch; emulator?: EmulatorOptions } = {},
) {
  const emu = mode === 'http' ? await startEmulator(emulator) : createEmulator(emulator)
  running.push(emu)
  const transport = fetch ?? (mode === 'http' ? null : emu.fetch)
  return { emu, machine: createHybridLoginMachine(hybridOptions(emu, extra, transport)) }
}

/** PingFederate signs joe on; PingOne steps up `pingOneUser` under `policy` (the subject mapper names them). */
function stepUp(mode: Mode, pingOneUser: string, policy: string, extra: Partial<HybridLoginOptions> = {}) {
  return machineOn(mode, { subject: () => pingOneUser, pingOneParams: { acrValues: policy }, ...extra })
}

/** A `SUBMIT` of a name the compiler would refuse, as a BFF relays whatever a browser posted. */
const untypedSubmit = (action: string, body: unknown) => ({
  type: 'SUBMIT' as const,
  action,
  body: new Secret<unknown>(body, { transient: true }),
})

/** Answers PingFederate as joe, and PingOne's statuses as `user` would. */
function answers(emu: Emulator, user: string, overrides: Record<string, HybridLoginAnswer> = {}) {
  const seen: string[] = []
  const answer = (step: HybridLoginStep): HybridLoginAnswer => {
    seen.push(`${step.stage}:${step.status}${step.error ? `!${step.error.code}` : ''}`)
    const status = step.status ?? ''
    if (step.stage === 'pingFederate')
      return { action: 'checkUsernamePassword', body: { username: 'joe', password: PASSWORD } }
    if (overrides[status] && !step.error) return overrides[status]
    switch (status) {
      case 'PASSWORD_REQUIRED':
        return { action: 'usernamePassword.check', body: { username: user, password: PASSWORD } }
      case 'MUST_CHANGE_PASSWORD':
      case 'PASSWORD_EXPIRED':
        return { action: 'password.reset', body: { currentPassword: PASSWORD, newPassword: STRONG } }
      case 'VERIFICATION_CODE_REQUIRED':
        return { action: 'user.verify', body: { verificationCode: emu.outbox.last(user)?.otp ?? '' } }
      case 'AGREEMENT_CONSENT_REQUIRED':
        return { action: 'user.consent', body: { accept: true } }
      case 'PROFILE_DATA_REQUIRED':
        return { action: 'user.update', body: { mobilePhone: '+15555550100' } }
      case 'RECOVERY_CODE_REQUIRED':
        return {
          action: 'password.recover',
          body: { recoveryCode: emu.outbox.last(user)?.otp ?? '', newPassword: STRONG },
        }
      case 'OTP_REQUIRED':
        return { action: 'otp.check', body: { otp: emu.outbox.last(user)?.otp ?? '' } }
      default:
        throw new Error(`no answer for ${step.stage} ${status}`)
    }
  }
  return Object.assign(answer, { seen })
}

describe.each(MODES)('the PingOne stage on every sign-on status (%s)', (mode) => {
  it('lists only PingOne actions: signOnPage is refused in place, with the error shown', async () => {
    const { emu, machine } = await machineOn(mode)
    const actor = createActor(machine)
    actor.start()
    const settle = () => waitFor(actor, (s) => settled.includes(hybridLoginPhase(s)), { timeout: 10_000 })
    await settle()
    actor.send(submitEvent('checkUsernamePassword', { username: 'joe', password: PASSWORD }))
    const otp = await settle()
    expect(otp.context.stage).toBe('pingOne')
    expect(Object.keys(otp.context.state?._links ?? {})).toContain('signOnPage')
    expect(otp.context.actions).toEqual(['otp.check', 'device.select'])
    actor.send(untypedSubmit('signOnPage', {}))
    const refused = await settle()
    expect(hybridLoginPhase(refused)).toBe('input')
    expect(refused.context).toMatchObject({
      stage: 'pingOne',
      status: 'OTP_REQUIRED',
      error: { code: 'ACTION_NOT_AVAILABLE', stage: 'pingOne' },
    })
    expect(refused.context.state).toBe(otp.context.state)
    actor.send(submitEvent('otp.check', { otp: emu.outbox.last('joe')?.otp ?? '' }))
    expect(hybridLoginPhase(await settle())).toBe('done')
    actor.stop()
  })

  it('an action linked to another origin is not offered, and refused in place; the flow and the machine stay', async () => {
    // A server (or a proxy) that links `device.select` to a page elsewhere: the client would refuse to
    // post there, so it is not an action; sent anyway, it is refused before anything goes out, and
    // the user is still at the OTP and can answer it.
    let foreignPosts = 0
    const elsewhere: typeof globalThis.fetch = async (input, init) => {
      const request = new Request(input, init)
      if (new URL(request.url).hostname === 'evil.example') foreignPosts += 1
      const response = await (mode === 'http' ? fetch(request) : emuFetch(request))
      if (!(response.headers.get('content-type') ?? '').includes('json')) return response
      const body = await response.json()
      const link = body?._links?.['device.select']
      if (link) link.href = `https://evil.example/flows/${body.id}`
      const headers = new Headers(response.headers)
      headers.delete('content-length')
      return new Response(JSON.stringify(body), { status: response.status, headers })
    }
    let emuFetch: typeof globalThis.fetch = fetch
    const { emu, machine } = await machineOn(mode, {}, { fetch: elsewhere })
    emuFetch = emu.fetch
    const actor = createActor(machine)
    actor.start()
    const settle = () => waitFor(actor, (s) => settled.includes(hybridLoginPhase(s)), { timeout: 10_000 })
    await settle()
    actor.send(submitEvent('checkUsernamePassword', { username: 'joe', password: PASSWORD }))
    const otp = await settle()
    expect(otp.context.status).toBe('OTP_REQUIRED')
    expect(otp.context.actions).not.toContain('device.select')
    expect(otp.context.actions).toContain('otp.check')
    const sms = emu.outbox.last('joe')?.otp ?? ''
    const email = (
      otp.context.state as { _embedded?: { devices?: { id: string; type: string }[] } }
    )._embedded?.devices?.find((d) => d.type === 'EMAIL')
    actor.send(submitEvent('device.select', { device: { id: email?.id ?? '' } }))
    const refused = await settle()
    expect(hybridLoginPhase(refused)).toBe('input')
    expect(refused.context).toMatchObject({
      stage: 'pingOne',
      status: 'OTP_REQUIRED',
      error: { code: 'ACTION_NOT_AVAILABLE', stage: 'pingOne' },
    })
    expect(refused.context.state).toEqual(otp.context.state)
    expect(foreignPosts).toBe(0)
    // Nothing reached PingOne either: the SMS code is still the one to type.
    expect(emu.outbox.last('joe')?.otp).toBe(sms)
    actor.send(submitEvent('otp.check', { otp: sms }))
    expect(hybridLoginPhase(await settle())).toBe('done')
    actor.stop()
  })

  it.each([
    ['pat', 'MUST_CHANGE_PASSWORD'],
    ['eve', 'PASSWORD_EXPIRED'],
  ])('a step-up that runs into a password change (%s, %s) finishes the login', async (user, status) => {
    const { emu, machine } = await stepUp(mode, user, 'Multi_Factor')
    const onStep = answers(emu, user, {
      // A weak password first: refused, shown, asked again.
      [status]: { action: 'password.reset', body: { currentPassword: PASSWORD, newPassword: 'weak' } },
    })
    const result = await runHybridLogin({ machine, onStep })
    expect(onStep.seen).toEqual([
      'pingFederate:USERNAME_PASSWORD_REQUIRED',
      'pingOne:PASSWORD_REQUIRED',
      `pingOne:${status}`,
      `pingOne:${status}!FLOW_ERROR`,
      'pingOne:OTP_REQUIRED',
    ])
    expect(result.pingOne?.claims?.sub).toBe(pingOneId(emu, user))
  })

  it('a step-up whose user forgot the password recovers it by the e-mailed code and finishes', async () => {
    const { emu, machine } = await stepUp(mode, 'carl', 'Multi_Factor')
    const onStep = answers(emu, 'carl', {
      PASSWORD_REQUIRED: { action: 'password.forgot', body: { username: 'carl' } },
    })
    const result = await runHybridLogin({ machine, onStep })
    expect(onStep.seen).toEqual([
      'pingFederate:USERNAME_PASSWORD_REQUIRED',
      'pingOne:PASSWORD_REQUIRED',
      'pingOne:RECOVERY_CODE_REQUIRED',
      'pingOne:OTP_REQUIRED',
    ])
    expect(result.pingOne?.claims?.sub).toBe(pingOneId(emu, 'carl'))
  })

  it('password.sendRecoveryCode: a new recovery code reaches the outbox, and the login finishes with it', async () => {
    const { emu, machine } = await stepUp(mode, 'carl', 'Multi_Factor')
    const codes: (string | undefined)[] = []
    const onStep = answers(emu, 'carl', {
      PASSWORD_REQUIRED: { action: 'password.forgot', body: { username: 'carl' } },
    })
    const result = await runHybridLogin({
      machine,
      onStep: (step) => {
        if (step.status === 'RECOVERY_CODE_REQUIRED') codes.push(emu.outbox.last('carl')?.otp)
        if (step.status !== 'RECOVERY_CODE_REQUIRED' || codes.length > 1) return onStep(step)
        expect(step.actions).toContain('password.sendRecoveryCode')
        onStep.seen.push(`resend:${step.status}`)
        return { action: 'password.sendRecoveryCode' }
      },
    })
    expect(onStep.seen).toEqual([
      'pingFederate:USERNAME_PASSWORD_REQUIRED',
      'pingOne:PASSWORD_REQUIRED',
      'resend:RECOVERY_CODE_REQUIRED',
      'pingOne:RECOVERY_CODE_REQUIRED',
      'pingOne:OTP_REQUIRED',
    ])
    // The code first sent, then the one the resend sent (which the recovery used): a new one.
    expect(codes).toHaveLength(2)
    expect(codes[1]).toMatch(/\S/)
    expect(codes[1]).not.toBe(codes[0])
    expect(result.pingOne?.claims?.sub).toBe(pingOneId(emu, 'carl'))
  })

  it('user.sendVerificationCode: a new verification code reaches the outbox, and the login finishes with it', async () => {
    const { emu, machine } = await stepUp(mode, 'vic', 'Multi_Factor')
    const codes: (string | undefined)[] = []
    const onStep = answers(emu, 'vic')
    const result = await runHybridLogin({
      machine,
      onStep: (step) => {
        if (step.status === 'VERIFICATION_CODE_REQUIRED') codes.push(emu.outbox.last('vic')?.otp)
        if (step.status !== 'VERIFICATION_CODE_REQUIRED' || codes.length > 1) return onStep(step)
        expect(step.actions).toContain('user.sendVerificationCode')
        onStep.seen.push(`resend:${step.status}`)
        return { action: 'user.sendVerificationCode' }
      },
    })
    expect(onStep.seen).toEqual([
      'pingFederate:USERNAME_PASSWORD_REQUIRED',
      'pingOne:PASSWORD_REQUIRED',
      'resend:VERIFICATION_CODE_REQUIRED',
      'pingOne:VERIFICATION_CODE_REQUIRED',
      'pingOne:OTP_REQUIRED',
    ])
    expect(codes).toHaveLength(2)
    expect(codes[1]).toMatch(/\S/)
    expect(codes[1]).not.toBe(codes[0])
    expect(result.pingOne?.claims?.sub).toBe(pingOneId(emu, 'vic'))
  })

  it("cancel.push.authentication from onUpdate's answer while a push waits: another device, then done", async () => {
    const { emu, machine } = await stepUp(mode, 'ann', 'MFA-Only')
    const seen: string[] = []
    let cancel: ((answer: HybridLoginAnswer) => void) | undefined
    const device = (step: HybridLoginStep, type: string) =>
      (step.state as { _embedded?: { devices?: { id: string; type: string }[] } })._embedded?.devices?.find(
        (d) => d.type === type,
      )?.id ?? ''
    const result = await runHybridLogin({
      machine,
      onStep: (step) => {
        seen.push(`${step.stage}:${step.status}${step.error ? `!${step.error.code}` : ''}`)
        if (step.stage === 'pingFederate')
          return { action: 'checkUsernamePassword', body: { username: 'joe', password: PASSWORD } }
        if (step.status === 'OTP_REQUIRED') {
          const state = step.state as { id?: string }
          const otp = emu.outbox.all().findLast((m) => m.flowId === state.id && m.otp)?.otp
          return { action: 'otp.check', body: { otp: otp ?? '' } }
        }
        if (!cancel) return { action: 'device.select', body: { device: { id: device(step, 'MOBILE') } } }
        // A late answer meets a step that no longer waits: dropped, nothing refused.
        cancel({ action: 'cancel.push.authentication' })
        return { action: 'device.select', body: { device: { id: device(step, 'TOTP') } } }
      },
      onUpdate: (step, login) => {
        if (step.phase !== 'waiting' || step.status !== 'PUSH_CONFIRMATION_REQUIRED' || cancel) return
        expect(step.actions).toContain('cancel.push.authentication')
        expect(emu.push.pending()).toContain('ann')
        cancel = login.answer
        login.answer({ action: 'cancel.push.authentication', body: { reason: 'CHANGE_DEVICE' } })
      },
    })
    expect(seen).toEqual([
      'pingFederate:USERNAME_PASSWORD_REQUIRED',
      'pingOne:DEVICE_SELECTION_REQUIRED',
      'pingOne:DEVICE_SELECTION_REQUIRED',
      'pingOne:OTP_REQUIRED',
    ])
    expect(emu.push.pending()).not.toContain('ann')
    expect(result.pingOne?.claims?.sub).toBe(pingOneId(emu, 'ann'))
  })

  it('identifier first with a login_hint_token: the hint names the user, so the password is next', async () => {
    const { emu, machine } = await stepUp(mode, 'joe', 'Identifier_First')
    const onStep = answers(emu, 'joe')
    await runHybridLogin({ machine, onStep })
    expect(onStep.seen).toEqual([
      'pingFederate:USERNAME_PASSWORD_REQUIRED',
      'pingOne:PASSWORD_REQUIRED',
      'pingOne:OTP_REQUIRED',
    ])
  })

  it('session.reset starts the PingOne flow over (a new code) and the login still finishes', async () => {
    // PingOne accepts session.reset in every status; where it links it is UNCONFIRMED, so link it.
    const { emu, machine } = await machineOn(
      mode,
      {},
      { emulator: { pingOne: { linkSessionResetEverywhere: true } } },
    )
    let resets = 0
    const codes: (string | undefined)[] = []
    const result = await runHybridLogin({
      machine,
      onStep: (step) => {
        if (step.stage === 'pingFederate')
          return { action: 'checkUsernamePassword', body: { username: 'joe', password: PASSWORD } }
        expect(step.error).toBeUndefined()
        expect(step.actions).toContain('session.reset')
        codes.push(emu.outbox.last('joe')?.otp)
        if (resets++ === 0) return { action: 'session.reset' }
        return { action: 'otp.check', body: { otp: emu.outbox.last('joe')?.otp ?? '' } }
      },
    })
    expect(codes).toHaveLength(2)
    expect(codes[1]).not.toBe(codes[0])
    expect(result.pingOne?.claims?.sub).toBe(pingOneId(emu, 'joe'))
  })

  it('a step-up that runs into consent and progressive profiling finishes the login', async () => {
    const { emu, machine } = await stepUp(mode, 'joe', 'Step_Up')
    const onStep = answers(emu, 'joe')
    const result = await runHybridLogin({ machine, onStep })
    expect(onStep.seen).toEqual([
      'pingFederate:USERNAME_PASSWORD_REQUIRED',
      'pingOne:AGREEMENT_CONSENT_REQUIRED',
      'pingOne:PROFILE_DATA_REQUIRED',
      'pingOne:OTP_REQUIRED',
    ])
    expect(result.pingOne?.claims?.acr).toBe('Step_Up')
  })

  it('an unverified account verifies its e-mail code in the step-up', async () => {
    const { emu, machine } = await stepUp(mode, 'vic', 'Multi_Factor')
    const onStep = answers(emu, 'vic')
    await runHybridLogin({ machine, onStep })
    expect(onStep.seen).toEqual([
      'pingFederate:USERNAME_PASSWORD_REQUIRED',
      'pingOne:PASSWORD_REQUIRED',
      'pingOne:VERIFICATION_CODE_REQUIRED',
      'pingOne:OTP_REQUIRED',
    ])
  })

  it('refusing the agreement ends the login with FLOW_FAILED', async () => {
    const { emu, machine } = await stepUp(mode, 'joe', 'Step_Up')
    const onStep = answers(emu, 'joe', {
      AGREEMENT_CONSENT_REQUIRED: { action: 'user.consent', body: { accept: false } },
    })
    const steps: HybridLoginStep[] = []
    const error = await runHybridLogin({ machine, onStep, onUpdate: (s) => steps.push(s) }).catch(
      (e: unknown) => e,
    )
    expect(error).toMatchObject({ code: 'FLOW_FAILED' })
    const last = steps.at(-1)
    expect(last?.stage).toBe('failed')
    expect((last?.state as { error?: { code?: string } } | undefined)?.error?.code).toBe('AGREEMENT_DECLINED')
  })
  it('a password lockout is shown as an error the user can answer, the stage kept', async () => {
    const { machine } = await stepUp(mode, 'lock', 'Multi_Factor')
    let tries = 0
    const seen: string[] = []
    const error = await runHybridLogin({
      machine,
      onStep: (step) => {
        seen.push(
          `${step.stage}:${step.status}${step.error ? `!${(step.error.server as { details?: { code?: string }[] })?.details?.[0]?.code}` : ''}`,
        )
        if (step.stage === 'pingFederate')
          return { action: 'checkUsernamePassword', body: { username: 'joe', password: PASSWORD } }
        if (tries++ < 6)
          return { action: 'usernamePassword.check', body: { username: 'lock', password: 'wrong' } }
        throw new Error('give up')
      },
    }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(Error)
    expect(seen).toContain('pingOne:PASSWORD_REQUIRED!PASSWORD_LOCKED_OUT')
    expect(seen.filter((s) => s.startsWith('pingOne:PASSWORD_REQUIRED'))).toHaveLength(7)
  })

  it('EXTERNAL_AUTHENTICATION_REQUIRED waits (polling) until the browser comes back from the provider', async () => {
    const { emu, machine } = await stepUp(mode, 'joe', 'External_IdP')
    const phases: string[] = []
    const result = await runHybridLogin({
      machine,
      onStep: answers(emu, 'joe'),
      onUpdate: (step) => {
        phases.push(`${step.phase}:${step.status}`)
        if (step.phase === 'waiting' && step.status === 'EXTERNAL_AUTHENTICATION_REQUIRED') {
          const flowId = (step.state as { id: string }).id
          setTimeout(() => emu.pingOneBrowser.externalSignIn(flowId, { subject: 'joe@corp.example' }), 10)
        }
      },
    })
    expect(phases).toContain('waiting:EXTERNAL_AUTHENTICATION_REQUIRED')
    expect(result.pingOne?.claims?.sub).toBe(pingOneId(emu, 'joe'))
  })

  it('an unlinked external account is linked by password (ACCOUNT_LINKING_REQUIRED)', async () => {
    const { emu, machine } = await stepUp(mode, 'ann', 'External_IdP')
    const onStep = answers(emu, 'ann', {
      ACCOUNT_LINKING_REQUIRED: {
        action: 'usernamePassword.check',
        body: { username: 'ann', password: PASSWORD },
      },
    })
    const result = await runHybridLogin({
      machine,
      onStep,
      onUpdate: (step) => {
        if (step.phase === 'waiting') {
          const flowId = (step.state as { id: string }).id
          setTimeout(() => emu.pingOneBrowser.externalSignIn(flowId, { subject: 'ann@corp.example' }), 10)
        }
      },
    })
    expect(onStep.seen).toContain('pingOne:ACCOUNT_LINKING_REQUIRED')
    expect(result.pingOne?.claims?.sub).toBe(pingOneId(emu, 'ann'))
  })
})
