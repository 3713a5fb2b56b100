import type { Emulator } from '@redirectless/emulator'
import { describe, expect, it } from 'vitest'
import { createActor, waitFor } from 'xstate'
import {
  type HybridLoginAnswer,
  type HybridLoginOptions,
  type HybridLoginStep,
  hybridLoginPhase,
  runHybridLogin,
  submitEvent,
} from '../src/index.js'
import { PASSWORD, pingOneId, setup } from './support.js'

const STRONG = 'Fresh-Start-42'
const settled = ['input', 'error', 'done', 'failed', 'canceled']

/** PingFederate signs joe on; PingOne steps up `pingOneUser` under `policy` (the subject mapper names them). */
function stepUp(pingOneUser: string, policy: string, extra: Partial<HybridLoginOptions> = {}) {
  return setup({}, { subject: () => pingOneUser, pingOneParams: { acrValues: policy }, ...extra })
}

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
        return { action: 'user.verify', body: { verificationCode: emu.outbox.last(user)?.otp } }
      case 'AGREEMENT_CONSENT_REQUIRED':
        return { action: 'user.consent', body: { accept: true } }
      case 'PROFILE_DATA_REQUIRED':
        return { action: 'user.update', body: { mobilePhone: '+15555550100' } }
      case 'OTP_REQUIRED':
        return { action: 'otp.check', body: { otp: emu.outbox.last(user)?.otp } }
      default:
        throw new Error(`no answer for ${step.stage} ${status}`)
    }
  }
  return Object.assign(answer, { seen })
}

describe('the PingOne stage on every sign-on status', () => {
  it('lists only PingOne actions: signOnPage is refused in place, with the error shown', async () => {
    const { emu, machine } = setup()
    const actor = createActor(machine)
    actor.start()
    const settle = () => waitFor(actor, (s) => settled.includes(hybridLoginPhase(s)), { timeout: 10_000 })
    await settle()
    actor.send(submitEvent('checkUsernamePassword', { username: 'joe', password: PASSWORD }))
    const otp = await settle()
    expect(otp.context.stage).toBe('pingOne')
    expect(Object.keys(otp.context.state?._links ?? {})).toContain('signOnPage')
    expect(otp.context.actions).toEqual(['otp.check', 'device.select'])
    actor.send(submitEvent('signOnPage', {}))
    const refused = await settle()
    expect(hybridLoginPhase(refused)).toBe('input')
    expect(refused.context).toMatchObject({
      stage: 'pingOne',
      status: 'OTP_REQUIRED',
      error: { code: 'ACTION_NOT_AVAILABLE', stage: 'pingOne' },
    })
    expect(refused.context.state).toBe(otp.context.state)
    actor.send(submitEvent('otp.check', { otp: emu.outbox.last('joe')?.otp }))
    expect(hybridLoginPhase(await settle())).toBe('done')
  })

  it.each([
    ['pat', 'MUST_CHANGE_PASSWORD'],
    ['eve', 'PASSWORD_EXPIRED'],
  ])('a step-up that runs into a password change (%s, %s) finishes the login', async (user, status) => {
    const { emu, machine } = stepUp(user, 'Multi_Factor')
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

  it('a step-up that runs into consent and progressive profiling finishes the login', async () => {
    const { emu, machine } = stepUp('joe', 'Step_Up')
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
    const { emu, machine } = stepUp('vic', 'Multi_Factor')
    const onStep = answers(emu, 'vic')
    await runHybridLogin({ machine, onStep })
    expect(onStep.seen).toContain('pingOne:VERIFICATION_CODE_REQUIRED')
  })

  it('refusing the agreement ends the login with FLOW_FAILED', async () => {
    const { emu, machine } = stepUp('joe', 'Step_Up')
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
    const { machine } = stepUp('lock', 'Multi_Factor')
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
    const { emu, machine } = stepUp('joe', 'External_IdP')
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
    const { emu, machine } = stepUp('ann', 'External_IdP')
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
