import type { ErrorCode, ServerError, ServerErrorDetail } from '@redirectless/core'
import type {
  PingFederateState,
  PingFederateStateOf,
  PingFederateStatus,
  UsernamePasswordRequiredState,
} from '@redirectless/pingfederate'
import type { PingOneDevice, PingOneState, PingOneStateOf, PingOneStatus } from '@redirectless/pingone'
import { describe, expectTypeOf, it } from 'vitest'
import type { Actor, SnapshotFrom } from 'xstate'
import type {
  Advanced,
  HybridLoginAction,
  HybridLoginAnswer,
  HybridLoginBody,
  HybridLoginContext,
  HybridLoginError,
  HybridLoginMachine,
  HybridLoginStep,
  HybridStage,
  LoginStep,
  LoginView,
  runHybridLogin,
  SubmitEventOf,
  UntypedSubmitEvent,
} from '../src/index.js'
import { submitEvent, untypedSubmitEvent } from '../src/index.js'

declare const actor: Actor<HybridLoginMachine>
declare const snapshot: SnapshotFrom<HybridLoginMachine>
declare const step: HybridLoginStep
declare const password: string
declare const otp: string

describe('the context', () => {
  it('is the snapshot context, and what onStep, LoginView and LoginStep show', () => {
    expectTypeOf(snapshot.context).toEqualTypeOf<HybridLoginContext>()
    expectTypeOf<
      Parameters<Parameters<typeof runHybridLogin>[0]['onStep']>[0]
    >().toEqualTypeOf<HybridLoginStep>()
    expectTypeOf<LoginView['context']>().toEqualTypeOf<HybridLoginStep>()
    expectTypeOf<Advanced['snapshot']['context']>().toEqualTypeOf<HybridLoginContext>()
    expectTypeOf<
      Extract<LoginStep, { conflict?: undefined }>['snapshot']['context']
    >().toEqualTypeOf<HybridLoginContext>()
    // The step is the context without its vault.
    expectTypeOf<HybridLoginStep>().not.toHaveProperty('vault')
    expectTypeOf(snapshot.context.vault).not.toBeAny()
  })

  it('is discriminated on stage: each flow stage holds its own client’s model', () => {
    const { context } = snapshot
    expectTypeOf(context.stage).toEqualTypeOf<HybridStage>()
    if (context.stage === 'pingFederate') {
      expectTypeOf(context.status).toEqualTypeOf<PingFederateStatus | undefined>()
      expectTypeOf(context.state).toEqualTypeOf<PingFederateState | undefined>()
    }
    if (context.stage === 'pingOne') {
      expectTypeOf(context.status).toEqualTypeOf<PingOneStatus | undefined>()
      expectTypeOf(context.state).toEqualTypeOf<PingOneState | undefined>()
    }
    if (context.stage === 'failed') {
      // An ended login keeps the state it ended on, of either stage.
      expectTypeOf(context.state).toEqualTypeOf<PingFederateState | PingOneState | undefined>()
    }
  })

  it('narrowing on status gives the model of that status', () => {
    if (step.stage === 'pingFederate' && step.status === 'USERNAME_PASSWORD_REQUIRED') {
      expectTypeOf(step.state).toEqualTypeOf<UsernamePasswordRequiredState>()
      expectTypeOf(step.state.showCaptcha).toEqualTypeOf<boolean | undefined>()
    }
    if (step.stage === 'pingOne' && step.status === 'DEVICE_SELECTION_REQUIRED') {
      expectTypeOf(step.state).toEqualTypeOf<PingOneStateOf<'DEVICE_SELECTION_REQUIRED'>>()
      expectTypeOf(step.state._embedded.devices).toEqualTypeOf<readonly PingOneDevice[]>()
    }
    if (step.stage === 'pingOne' && step.status === 'ASSERTION_REQUIRED') {
      expectTypeOf(step.state.publicKeyCredentialRequestOptions).not.toBeUnknown()
    }
    // A status only one client has narrows the stage too.
    if (step.status === 'PUSH_CONFIRMATION_REQUIRED') {
      expectTypeOf(step.state).toEqualTypeOf<PingOneStateOf<'PUSH_CONFIRMATION_REQUIRED'>>()
      expectTypeOf(step.stage).toEqualTypeOf<'pingOne' | 'done' | 'failed' | 'canceled'>()
    }
    // A status both have gives both models until the stage says which.
    if (step.status === 'OTP_REQUIRED') {
      expectTypeOf(step.state).toEqualTypeOf<
        PingFederateStateOf<'OTP_REQUIRED'> | PingOneStateOf<'OTP_REQUIRED'>
      >()
    }
    // Before a stage's first answer there is no state.
    if (step.status === undefined) expectTypeOf(step.state).toEqualTypeOf<undefined>()
  })

  it('switches exhaustively on status', () => {
    if (step.stage !== 'pingOne' || step.status === undefined) return
    switch (step.status) {
      case 'OTP_REQUIRED':
        expectTypeOf(step.state.selectedDevice).toEqualTypeOf<{ readonly id: string } | undefined>()
        break
      case 'FAILED':
        expectTypeOf(step.state.error?.code).toEqualTypeOf<string | undefined>()
        break
      default:
        expectTypeOf(step.state.status).toEqualTypeOf<Exclude<PingOneStatus, 'OTP_REQUIRED' | 'FAILED'>>()
    }
  })

  it('gives one screen its step with Extract', () => {
    type OtpStep = Extract<HybridLoginStep, { stage: 'pingOne'; status: 'OTP_REQUIRED' }>
    expectTypeOf<OtpStep['state']>().toEqualTypeOf<PingOneStateOf<'OTP_REQUIRED'>>()
    expectTypeOf<OtpStep['stage']>().toEqualTypeOf<'pingOne'>()
  })

  it('offers the actions as strings, as the clients’ flow.actions do', () => {
    expectTypeOf(step.actions).toEqualTypeOf<readonly string[]>()
    expectTypeOf(step.actions.includes('otp.check')).toEqualTypeOf<boolean>()
  })
})

describe('error', () => {
  it('carries a coded error and the server’s typed code, message and details', () => {
    expectTypeOf(step.error).toEqualTypeOf<HybridLoginError | undefined>()
    const error = step.error
    if (!error) return
    expectTypeOf(error.code).toEqualTypeOf<ErrorCode>()
    expectTypeOf(error.server).toEqualTypeOf<ServerError | undefined>()
    expectTypeOf(error.server?.code).toEqualTypeOf<string | undefined>()
    expectTypeOf(error.server?.message).toEqualTypeOf<string | undefined>()
    expectTypeOf(error.server?.details).toEqualTypeOf<readonly ServerErrorDetail[] | undefined>()
    expectTypeOf(error.server?.details?.[0]?.attemptsRemaining).toEqualTypeOf<number | undefined>()
    expectTypeOf(error.stage).toEqualTypeOf<'pingFederate' | 'pingOne'>()
    // @ts-expect-error: a code no RedirectlessError has
    error.code === 'WRONG_PASSWORD'
  })
})

describe('submitEvent', () => {
  it('takes an action of either stage with the body its client types', () => {
    expectTypeOf(submitEvent('checkUsernamePassword', { username: 'joe', password })).toEqualTypeOf<
      SubmitEventOf<'checkUsernamePassword'>
    >()
    expectTypeOf(submitEvent('otp.check', { otp }).action).toEqualTypeOf<'otp.check'>()
    expectTypeOf<HybridLoginBody<'otp.check'>>().toEqualTypeOf<{ readonly otp: string }>()
    actor.send(submitEvent('checkUsernamePassword', { username: 'joe', password }))
    actor.send(submitEvent('device.select', { device: { id: 'd1' } }))
    // Bodiless actions, and actions whose body is optional, need none.
    actor.send(submitEvent('continueAuthentication'))
    actor.send(submitEvent('cancel.push.authentication'))
  })

  it('refuses a wrong action id', () => {
    // @ts-expect-error: misspelled action
    submitEvent('chekUsernamePassword', { username: 'joe', password })
    // @ts-expect-error: PingOne's actions are dotted
    submitEvent('otpCheck', { otp })
    // @ts-expect-error: a link that is a page, not an action
    submitEvent('signOnPage', {})
  })

  it('refuses a wrong body', () => {
    // @ts-expect-error: an OTP is a string, not a number
    submitEvent('otp.check', { otp: 123456 })
    // @ts-expect-error: the OTP may not be missing
    submitEvent('otp.check', { otp: undefined })
    // @ts-expect-error: otp.check needs a body
    submitEvent('otp.check')
    // @ts-expect-error: checkUsernamePassword needs a password
    submitEvent('checkUsernamePassword', { username: 'joe' })
    // @ts-expect-error: the wrong field name
    submitEvent('device.select', { deviceId: 'd1' })
  })

  it('given the context, takes only the actions of its stage', () => {
    const { context } = actor.getSnapshot()
    if (context.stage === 'pingFederate') {
      actor.send(submitEvent(context, 'checkUsernamePassword', { username: 'joe', password }))
      // @ts-expect-error: a PingOne action in the PingFederate stage
      submitEvent(context, 'otp.check', { otp })
    }
    if (context.stage === 'pingOne') {
      actor.send(submitEvent(context, 'otp.check', { otp }))
      // @ts-expect-error: a PingFederate action in the PingOne stage
      submitEvent(context, 'checkOtp', { otp })
      // @ts-expect-error: a wrong body is still refused
      submitEvent(context, 'otp.check', { otp: 123456 })
    }
    if (context.stage === 'done') {
      // @ts-expect-error: an ended login takes no action
      submitEvent(context, 'otp.check', { otp })
    }
    // A context not narrowed to a stage takes the actions of both.
    submitEvent(context, 'otp.check', { otp })
    submitEvent(step, 'checkUsernamePassword', { username: 'joe', password })
  })

  it('types HybridLoginAction per stage', () => {
    expectTypeOf<'otp.check'>().toExtend<HybridLoginAction<'pingOne'>>()
    expectTypeOf<'otp.check'>().not.toExtend<HybridLoginAction<'pingFederate'>>()
    expectTypeOf<'checkUsernamePassword'>().toExtend<HybridLoginAction<'pingFederate'>>()
    expectTypeOf<Extract<HybridLoginAction<'pingFederate'>, HybridLoginAction<'pingOne'>>>().toBeNever()
  })
})

describe('SUBMIT', () => {
  it('is checked when written as an event, too', () => {
    actor.send({ type: 'SUBMIT', action: 'otp.check', body: { otp } })
    // @ts-expect-error: misspelled action
    actor.send({ type: 'SUBMIT', action: 'otp.chek', body: { otp } })
    // @ts-expect-error: an OTP is a string
    actor.send({ type: 'SUBMIT', action: 'otp.check', body: { otp: 123456 } })
  })

  it('takes an action known only at run time through untypedSubmitEvent', () => {
    const posted: { action: string; body: unknown } = { action: 'otp.check', body: { otp } }
    expectTypeOf(untypedSubmitEvent(posted.action, posted.body)).toEqualTypeOf<UntypedSubmitEvent>()
    actor.send(untypedSubmitEvent(posted.action, posted.body))
    // @ts-expect-error: submitEvent checks what it is given, so a run-time string is not enough
    submitEvent(posted.action, posted.body)
  })
})

describe("runHybridLogin's answers", () => {
  it('are checked as submitEvent is', () => {
    const answers: HybridLoginAnswer[] = [
      { action: 'checkUsernamePassword', body: { username: 'joe', password } },
      { action: 'otp.check', body: { otp } },
      { action: 'continueAuthentication' },
      { retry: true },
      { cancel: true },
    ]
    expectTypeOf(answers).toEqualTypeOf<HybridLoginAnswer[]>()
    // @ts-expect-error: misspelled action
    const misspelled: HybridLoginAnswer = { action: 'otp.chek', body: { otp } }
    // @ts-expect-error: an OTP is a string
    const numeric: HybridLoginAnswer = { action: 'otp.check', body: { otp: 123456 } }
    expectTypeOf([misspelled, numeric]).toEqualTypeOf<HybridLoginAnswer[]>()
  })
})
