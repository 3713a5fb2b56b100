import type { Emulator } from '@redirectless/emulator'
import type { HybridLoginAnswer, HybridLoginStep } from '@redirectless/orchestrator'
import { CliError, toCliError } from '../errors.js'
import { ExitCodes } from '../exit-codes.js'
import type { Answerer, Reporter } from './answerer.js'
import {
  codeChannel,
  type DeviceType,
  devicesOf,
  type FlowDevice,
  type StepState,
  selectedDevice,
} from './devices.js'
import { assertionFor, codeFor, pingOneUsername } from './emulator-hooks.js'
import { autoPingFederateStatuses } from './pingfederate-statuses.js'
import { autoPingOneStatuses } from './pingone-statuses.js'

export interface AutoAnswersOptions {
  readonly emulator: Emulator
  readonly username: string
  readonly password: string
  /** The device to use; the first one PingOne offers otherwise (MOBILE with `denyPush`). */
  readonly device?: DeviceType | undefined
  /** Deny the push instead of approving it. */
  readonly denyPush?: boolean | undefined
  readonly report: Reporter
  /** How long the emulated phone takes to answer a push, ms. */
  readonly pushDelayMs?: number | undefined
}

/**
 * The non-interactive demo's answers, taken from the emulator as a user would take them from their
 * phone: the demo password, the code from the outbox (or the authenticator app), the emulated
 * security key, a push approved (or denied) on the emulated phone. Any error ends the login: with no
 * one to ask, answering again would only repeat the same answer.
 */
export function autoAnswers(options: AutoAnswersOptions): Answerer {
  const { emulator, report } = options
  const wanted = options.device ?? (options.denyPush ? 'MOBILE' : undefined)
  const timers = new Set<ReturnType<typeof setTimeout>>()
  const pushes = new Set<string>()
  // Switch device at most once per flow state, so a device PingOne keeps refusing cannot loop.
  const switched = new Set<string>()
  const pingOne = autoPingOneStatuses(options)
  const pingFederate = autoPingFederateStatuses(options)

  const pick = (step: HybridLoginStep, devices: readonly FlowDevice[]): FlowDevice => {
    const device = wanted ? devices.find((d) => d.type === wanted) : devices[0]
    if (!device) {
      const has = devices.map((d) => d.type).join(', ') || 'none'
      throw new CliError(
        'USAGE',
        `${options.username} has no ${wanted ?? 'MFA'} device at PingOne (devices: ${has})`,
        ExitCodes.USAGE,
        { stage: 'pingOne', ...(step.status !== undefined && { status: step.status }) },
      )
    }
    return device
  }

  const select = (step: HybridLoginStep, device: FlowDevice, why: string): HybridLoginAnswer => {
    report({
      stage: 'pingOne',
      status: step.status ?? '',
      action: 'device.select',
      note: `${why} ${device.type}`,
    })
    return { action: 'device.select', body: { device: { id: device.id } } }
  }

  // PingOne starts some flows on the user's default device; `--device` may want another one.
  const switchTo = (step: HybridLoginStep, state: StepState): HybridLoginAnswer | undefined => {
    const current = selectedDevice(state)
    const key = `${state.id}:${step.status}`
    if (!wanted || current?.type === wanted || switched.has(key) || !step.actions.includes('device.select'))
      return undefined
    switched.add(key)
    return select(step, pick(step, devicesOf(state)), `switched from ${current?.type ?? 'the default'} to`)
  }

  return {
    async answer(step) {
      // Nobody to ask: an error (a refused code, an unreachable host) ends the login.
      if (step.error)
        throw toCliError(step.error, { ...(step.status !== undefined && { status: step.status }) })
      const state = step.state as StepState | undefined
      const status = step.status ?? ''
      const pingOneAnswer = step.stage === 'pingOne' ? pingOne.answer(step) : undefined
      if (pingOneAnswer) return pingOneAnswer
      const pingFederateAnswer = pingFederate.answer(step)
      if (pingFederateAnswer) return pingFederateAnswer
      switch (step.status) {
        case 'IDENTIFIER_REQUIRED':
          report({ stage: 'pingFederate', status, action: 'submitIdentifier', note: options.username })
          return { action: 'submitIdentifier', body: { identifier: options.username } }
        case 'USERNAME_PASSWORD_REQUIRED':
          report({
            stage: 'pingFederate',
            status,
            action: 'checkUsernamePassword',
            note: `${options.username} with the demo password (not shown)`,
          })
          return {
            action: 'checkUsernamePassword',
            body: { username: options.username, password: options.password },
          }
        case 'DEVICE_SELECTION_REQUIRED':
        case 'PUSH_CONFIRMATION_TIMED_OUT':
          return select(step, pick(step, devicesOf(state)), 'chose')
        case 'OTP_REQUIRED': {
          const switching = switchTo(step, state ?? {})
          if (switching) return switching
          const message = codeFor(emulator, state)
          if (!message?.otp)
            throw new CliError(
              'UNSUPPORTED_STEP',
              'The emulator sent no code for this flow',
              ExitCodes.LOGIN_FAILED,
            )
          report({
            stage: 'pingOne',
            status,
            action: 'otp.check',
            note: `code received ${codeChannel(message.channel, message.to)}`,
          })
          return { action: 'otp.check', body: { otp: message.otp } }
        }
        case 'ASSERTION_REQUIRED': {
          const switching = switchTo(step, state ?? {})
          if (switching) return switching
          report({
            stage: 'pingOne',
            status,
            action: 'assertion.check',
            note: 'the security key signed the challenge',
          })
          return { action: 'assertion.check', body: assertionFor(emulator, state) }
        }
        case 'MUST_CHANGE_PASSWORD':
          throw new CliError(
            'UNSUPPORTED_STEP',
            `PingFederate wants ${options.username} to choose a new password: run the demo in a terminal to type one`,
            ExitCodes.LOGIN_FAILED,
            { stage: 'pingFederate', status },
          )
        case 'SUCCESSFUL_PASSWORD_CHANGE':
          return { action: 'continueAuthentication' }
        default:
          throw new CliError(
            'UNSUPPORTED_STEP',
            `The demo cannot answer ${step.stage} ${status} without a terminal`,
            ExitCodes.LOGIN_FAILED,
            { stage: step.stage, status },
          )
      }
    },

    update(step) {
      if (step.phase !== 'waiting' || pingOne.update(step) || pingFederate.update(step)) return
      const state = step.state as StepState | undefined
      const key = `${step.stage}:${state?.id}:${step.status}`
      if (pushes.has(key)) return
      pushes.add(key)
      if (step.stage !== 'pingOne' || step.status !== 'PUSH_CONFIRMATION_REQUIRED') {
        report({
          stage: 'pingFederate',
          status: step.status ?? '',
          action: 'poll',
          note: 'waiting for the push',
        })
        return
      }
      const user = pingOneUsername(state, options.username)
      report({
        stage: 'pingOne',
        status: step.status,
        action: 'poll',
        note: `push sent to the phone; the emulated phone will ${options.denyPush ? 'deny' : 'approve'} it`,
      })
      const timer = setTimeout(() => {
        timers.delete(timer)
        if (options.denyPush) emulator.push.deny(user)
        else emulator.push.approve(user)
      }, options.pushDelayMs ?? 200)
      timers.add(timer)
    },

    close() {
      for (const timer of timers) clearTimeout(timer)
      timers.clear()
      pingOne.close()
      pingFederate.close()
    },
  }
}
