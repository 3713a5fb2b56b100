import { createRequestObject } from '@redirectless/pingone'
import { describe, expect, it } from 'vitest'
import { type HybridLoginStep, runHybridLogin } from '../src/index.js'
import { answerAs } from './answers.js'
import { PASSWORD, pingOneId, setup } from './support.js'

describe('runHybridLogin', () => {
  it('signs joe in at PingFederate and steps him up by SMS OTP at PingOne', async () => {
    const { emu, machine } = setup()
    const onStep = answerAs(emu, 'joe')
    const result = await runHybridLogin({ machine, onStep })
    expect(onStep.seen).toEqual(['pingFederate:USERNAME_PASSWORD_REQUIRED', 'pingOne:OTP_REQUIRED'])
    expect(result.pingFederate.claims?.sub).toBe('joe')
    expect(result.pingOne?.claims?.sub).toBe(pingOneId(emu, 'joe'))
    expect(result.pingFederate.tokens.access_token).toEqual(expect.any(String))
    expect(result.pingOne?.tokens.access_token).toEqual(expect.any(String))
    expect(result.mfaSkipped).toBe(false)
    expect(emu.outbox.last('joe')?.channel).toBe('SMS')
  })

  it.each([
    ['EMAIL', 'joe'],
    ['TOTP', 'ann'],
  ] as const)('passes with an %s device', async (device, username) => {
    const { emu, machine } = setup()
    const onStep = answerAs(emu, username, { device })
    const result = await runHybridLogin({ machine, onStep })
    expect(result.pingOne?.claims?.sub).toBe(pingOneId(emu, username))
    if (username === 'ann') expect(onStep.seen).toContain('pingOne:DEVICE_SELECTION_REQUIRED')
  })

  it('passes with a FIDO2 security key', async () => {
    const { emu, machine } = setup()
    const onStep = answerAs(emu, 'fido', { device: 'FIDO2' })
    const result = await runHybridLogin({ machine, onStep })
    expect(onStep.seen).toContain('pingOne:ASSERTION_REQUIRED')
    expect(result.pingOne?.claims?.sub).toBe(pingOneId(emu, 'fido'))
  })

  it('waits for a push, polling, until ann approves it', async () => {
    const { emu, machine } = setup()
    const phases: string[] = []
    const result = await runHybridLogin({
      machine,
      onStep: answerAs(emu, 'ann', { device: 'MOBILE' }),
      onUpdate: (step) => {
        phases.push(step.phase)
        if (step.phase === 'waiting' && step.status === 'PUSH_CONFIRMATION_REQUIRED')
          setTimeout(() => emu.push.approve('ann'), 10)
      },
    })
    expect(phases).toContain('waiting')
    expect(result.pingOne?.claims?.sub).toBe(pingOneId(emu, 'ann'))
  })

  it('fails with FLOW_FAILED when the push is denied', async () => {
    const { emu, machine } = setup()
    const error = await runHybridLogin({
      machine,
      onStep: answerAs(emu, 'ann', { device: 'MOBILE' }),
      onUpdate: (step) => {
        if (step.phase === 'waiting') setTimeout(() => emu.push.deny('ann'), 10)
      },
    }).catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'FLOW_FAILED' })
  })

  it('lets the user choose again after a push times out', async () => {
    const { emu, machine } = setup()
    let pushes = 0
    const onStep = (step: HybridLoginStep) =>
      answerAs(emu, 'ann', { device: pushes > 1 ? 'TOTP' : 'MOBILE' })(step)
    const result = await runHybridLogin({
      machine,
      onStep,
      onUpdate: (step) => {
        if (step.phase === 'waiting') {
          pushes += 1
          setTimeout(() => emu.push.timeout('ann'), 10)
        }
      },
    })
    expect(pushes).toBe(2)
    expect(result.pingOne?.claims?.sub).toBe(pingOneId(emu, 'ann'))
  })

  it('shows a wrong password as a coded error and lets the user try again', async () => {
    const { emu, machine } = setup()
    let attempts = 0
    const errors: string[] = []
    const result = await runHybridLogin({
      machine,
      onStep: (step) => {
        if (step.error)
          errors.push(
            `${step.error.code}/${(step.error.server as { details?: { code: string }[] })?.details?.[0]?.code}`,
          )
        if (step.status === 'USERNAME_PASSWORD_REQUIRED') {
          attempts += 1
          return {
            action: 'checkUsernamePassword',
            body: { username: 'joe', password: attempts === 1 ? 'wrong' : PASSWORD },
          }
        }
        return answerAs(emu, 'joe')(step)
      },
    })
    expect(errors).toEqual(['FLOW_ERROR/CREDENTIAL_VALIDATION_FAILED'])
    expect(result.pingFederate.claims?.sub).toBe('joe')
  })

  it('shows a wrong OTP with the server details, then accepts the right one', async () => {
    const { emu, machine } = setup()
    let tries = 0
    const details: unknown[] = []
    const result = await runHybridLogin({
      machine,
      onStep: (step) => {
        if (step.error) details.push(step.error)
        if (step.status === 'OTP_REQUIRED' && tries++ === 0)
          return { action: 'otp.check', body: { otp: '000000' } }
        return answerAs(emu, 'joe')(step)
      },
    })
    expect(details).toEqual([expect.objectContaining({ code: 'FLOW_ERROR', stage: 'pingOne', status: 400 })])
    expect(JSON.stringify(details)).toContain('INVALID_OTP')
    expect(result.pingOne?.claims?.sub).toBe(pingOneId(emu, 'joe'))
  })

  it('ends in a coded error when wrong OTPs reach the lockout', async () => {
    const { emu, machine } = setup()
    let otpTries = 0
    const error = await runHybridLogin({
      machine,
      onStep: (step) => {
        if (step.status === 'OTP_REQUIRED' && ++otpTries > 5) return { cancel: true }
        return answerAs(emu, 'joe', { otp: '000000' })(step)
      },
    }).catch((e: unknown) => e)
    expect(otpTries).toBe(3)
    expect(error).toMatchObject({ code: 'FLOW_FAILED', flowStatus: 'FAILED' })
  })

  it('finishes without an MFA step when PingOne skips it for an allow-listed pi.remoteIp', async () => {
    const { emu, machine } = setup(
      {},
      {
        pingOneParams: async () => ({
          acrValues: 'MFA-Only',
          request: await createRequestObject({
            issuer: emu.pingOne.clientId,
            secret: emu.pingOne.clientSecret,
            audience: emu.pingOne.issuer,
            remoteIp: '203.0.113.7',
          }),
        }),
      },
    )
    const onStep = answerAs(emu, 'joe')
    const result = await runHybridLogin({ machine, onStep })
    expect(onStep.seen).toEqual(['pingFederate:USERNAME_PASSWORD_REQUIRED'])
    expect(result.mfaSkipped).toBe(true)
    expect(result.pingOne?.claims?.sub).toBe(pingOneId(emu, 'joe'))
  })

  it('skips PingOne altogether with skipMfa', async () => {
    const { emu, machine } = setup({}, { skipMfa: (pf) => pf.claims?.sub === 'joe' })
    const result = await runHybridLogin({ machine, onStep: answerAs(emu, 'joe') })
    expect(result.pingOne).toBeUndefined()
    expect(result.mfaSkipped).toBe(true)
  })

  it('maps a login_hint_token callback failure to CALLBACK_FAILED without leaking its message', async () => {
    const { emu, machine } = setup(
      {},
      { loginHintToken: () => Promise.reject(new Error('backend said password=hunter2')) },
    )
    const error = await runHybridLogin({ machine, onStep: answerAs(emu, 'joe') }).catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'CALLBACK_FAILED' })
    expect(String(error)).not.toContain('hunter2')
  })

  it('is cancelled by an answer, and by an abort signal', async () => {
    const { emu, machine } = setup()
    await expect(runHybridLogin({ machine, onStep: () => ({ cancel: true }) })).rejects.toMatchObject({
      code: 'FLOW_CANCELED',
    })
    const controller = new AbortController()
    const run = runHybridLogin({
      machine,
      signal: controller.signal,
      onStep: () => {
        controller.abort()
        return new Promise(() => {})
      },
    })
    await expect(run).rejects.toMatchObject({ code: 'ABORTED' })
    expect(emu.outbox.all()).toEqual([])
  })
})
