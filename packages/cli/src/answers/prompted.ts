import type { Emulator } from '@redirectless/emulator'
import type { HybridLoginAnswer, HybridLoginStep } from '@redirectless/orchestrator'
import { CliError, stageName, toCliError } from '../errors.js'
import { ExitCodes } from '../exit-codes.js'
import type { Prompter } from '../prompts/prompter.js'
import type { Spinner } from '../render/spinner.js'
import { type Answerer, type Reporter, reportStage } from './answerer.js'
import {
  codeChannel,
  type DeviceType,
  deviceLabel,
  devicesOf,
  type FlowDevice,
  type StepState,
  selectedDevice,
} from './devices.js'
import { assertionFor, codeFor, pingOneUsername, pushFor } from './emulator-hooks.js'
import { promptedPingFederateStatuses } from './pingfederate-statuses.js'
import { promptedPingOneStatuses, pushCancelKeys } from './pingone-statuses.js'

export interface PromptedAnswersOptions {
  readonly prompter: Prompter
  /** The username to pre-fill (demo: `joe` or `--user`; login: `--username`). */
  readonly username?: string | undefined
  /** Ask for the username even when one is known (the demo lets the user edit it). */
  readonly askUsername: boolean
  /** A password from the environment or the config file: sent as is, never asked again. */
  readonly password?: string | undefined
  /** Sent when the user leaves the password empty (the demo's documented password). */
  readonly defaultPassword?: string | undefined
  readonly device?: DeviceType | undefined
  /** The demo's emulator: shows the SMS, approves pushes from the keyboard, signs with the emulated key. */
  readonly emulator?: Emulator | undefined
  readonly report: Reporter
  /** How many times one status may be answered wrongly before the login gives up. */
  readonly maxAttempts?: number | undefined
}

/**
 * What the user sees for a refused answer: the words the server meant for users when it has some
 * (PingFederate's `userMessage`), else a sentence of ours (see {@link toCliError}; never the
 * server's developer text or the URL), then how many attempts are left when the server says
 * (PingOne's `innerError.remainingAttempts`, PingFederate's `attemptsRemaining`).
 */
function describe(error: NonNullable<HybridLoginStep['error']>): string {
  const server = error.server as
    | {
        userMessage?: string
        details?: {
          userMessage?: string
          attemptsRemaining?: unknown
          innerError?: { remainingAttempts?: unknown }
        }[]
      }
    | undefined
  const detail = server?.details?.[0]
  const words = detail?.userMessage ?? server?.userMessage
  const attempts = detail?.innerError?.remainingAttempts ?? detail?.attemptsRemaining
  const left = typeof attempts === 'number' ? `; ${attempts} attempt${attempts === 1 ? '' : 's'} left` : ''
  return `${words ? `${stageName(error.stage)}: ${words}` : toCliError(error).message}${left}`
}

/**
 * Answers by asking a person: username and masked password, a device menu when PingOne asks, the
 * code (with the "SMS" shown when the emulator sent it), a spinner while a push waits. A refused
 * answer is asked again, up to `maxAttempts` times per status.
 */
export function promptedAnswers(options: PromptedAnswersOptions): Answerer {
  const { prompter, emulator, report } = options
  const maxAttempts = options.maxAttempts ?? 3
  const attempts = new Map<string, number>()
  let username = options.username ?? ''
  let password = ''
  let configuredPasswordUsed = false
  let spinner: Spinner | undefined
  let spinnerKey: string | undefined
  let pushAnswer: 'approved' | 'denied' | undefined
  // The flow, device and message of the last "code sent" line, so a retry does not repeat it.
  let lastAnnounced: string | undefined
  const switched = new Set<string>()
  const pingOne = promptedPingOneStatuses({
    prompter,
    report,
    emulator,
    credentials: () => ({ username, password }),
  })
  const pingFederate = promptedPingFederateStatuses({
    prompter,
    report,
    emulator,
    credentials: () => ({ username, password }),
  })

  const chooseDevice = async (step: HybridLoginStep, exclude?: string): Promise<HybridLoginAnswer> => {
    const state = step.state as StepState | undefined
    // Without the emulator, a security key would need a browser's WebAuthn: do not offer it.
    const devices = devicesOf(state).filter((d) => d.id !== exclude && (emulator || d.type !== 'FIDO2'))
    if (devices.length === 0)
      throw new CliError(
        'UNSUPPORTED_STEP',
        'No device this terminal can use is left',
        ExitCodes.LOGIN_FAILED,
        {
          stage: 'pingOne',
        },
      )
    const preset = options.device ? devices.find((d) => d.type === options.device) : undefined
    const key = `${state?.id}:${step.status}`
    let device: FlowDevice
    if (preset && !switched.has(key)) {
      switched.add(key)
      device = preset
      prompter.info(`Using ${deviceLabel(device)} (--device ${options.device})`)
    } else {
      const id = await prompter.select(
        'PingOne asks for a second factor. Which device?',
        devices.map((d) => ({ value: d.id, label: deviceLabel(d), ...(d.nickname && { hint: d.nickname }) })),
      )
      device = devices.find((d) => d.id === id) ?? (devices[0] as FlowDevice)
    }
    // Choosing a device, even the same one again, has PingOne send a new code: announce it.
    lastAnnounced = undefined
    report({
      stage: 'pingOne',
      status: step.status ?? '',
      action: 'device.select',
      note: `chose ${device.type}`,
    })
    return { action: 'device.select', body: { device: { id: device.id } } }
  }

  const presetSwitch = (step: HybridLoginStep, state: StepState): Promise<HybridLoginAnswer> | undefined => {
    const current = selectedDevice(state)
    const key = `${state.id}:${step.status}`
    if (!options.device || current?.type === options.device || switched.has(key)) return undefined
    if (!step.actions.includes('device.select') || !devicesOf(state).some((d) => d.type === options.device))
      return undefined
    return chooseDevice(step)
  }

  const askCode = async (step: HybridLoginStep, state: StepState): Promise<HybridLoginAnswer> => {
    const device = selectedDevice(state)
    const message = emulator ? codeFor(emulator, state) : undefined
    // A code is announced once: asked again after a wrong one, the same code is still the one sent.
    const sent = message
      ? `${message.flowId}:${message.deviceId}:${message.at}:${message.channel}`
      : `${state.id}:${device?.id}`
    const announce = sent !== lastAnnounced
    lastAnnounced = sent
    if (announce && message) {
      const title =
        message.channel === 'TOTP'
          ? 'Your authenticator app'
          : `${message.channel === 'EMAIL' ? 'E-mail' : message.channel} to ${message.to ?? 'you'}`
      prompter.note(message.channel === 'TOTP' ? `Code: ${message.otp}` : message.text, title)
    } else if (announce && device) {
      prompter.info(`PingOne sent a code ${codeChannel(device.type, device.phone ?? device.email)}`)
    }
    const canSwitch = step.actions.includes('device.select') && devicesOf(state).length > 1
    const otp = await prompter.text(canSwitch ? 'Code (leave empty to choose another device)' : 'Code', {
      placeholder: '123456',
    })
    if (otp === '' && canSwitch) return chooseDevice(step)
    report({
      stage: 'pingOne',
      status: step.status ?? '',
      action: 'otp.check',
      note: `code typed (received ${codeChannel(message?.channel ?? device?.type, message?.to ?? device?.phone ?? device?.email)})`,
    })
    return { action: 'otp.check', body: { otp } }
  }

  const signAssertion = async (step: HybridLoginStep, state: StepState): Promise<HybridLoginAnswer> => {
    const canSwitch = step.actions.includes('device.select')
    if (!emulator) {
      prompter.warn('A security key needs a browser (WebAuthn); this terminal cannot use one.')
      if (canSwitch) return chooseDevice(step, selectedDevice(state)?.id)
      throw new CliError(
        'UNSUPPORTED_STEP',
        'PingOne wants a FIDO2 security key, which needs a browser',
        ExitCodes.LOGIN_FAILED,
        {
          stage: 'pingOne',
          status: 'ASSERTION_REQUIRED',
        },
      )
    }
    const touched = await prompter.confirm(
      'Touch your security key (the emulator holds a software key). Touch it now?',
    )
    if (!touched) {
      if (canSwitch) return chooseDevice(step, selectedDevice(state)?.id)
      throw new CliError('INTERRUPTED', 'The security key was not touched', ExitCodes.INTERRUPTED)
    }
    report({
      stage: 'pingOne',
      status: 'ASSERTION_REQUIRED',
      action: 'assertion.check',
      note: 'the security key signed the challenge',
    })
    return { action: 'assertion.check', body: assertionFor(emulator, state) }
  }

  const stopSpinner = (text?: string) => {
    spinner?.stop(text)
    spinner = undefined
    spinnerKey = undefined
  }

  return {
    async answer(step) {
      stopSpinner()
      const state = (step.state ?? {}) as StepState
      const status = step.status ?? ''
      if (step.error) {
        if (step.canRetry) {
          // On a pipe there is no one to ask whether to try again: the failure is the answer.
          if (!prompter.tty) throw toCliError(step.error, step.status === undefined ? {} : { status })
          prompter.error(describe(step.error))
          if (await prompter.confirm('Try again?')) return { retry: true }
          throw toCliError(step.error, step.status === undefined ? {} : { status })
        }
        const key = `${reportStage(step)}:${status}`
        const tries = (attempts.get(key) ?? 0) + 1
        attempts.set(key, tries)
        // A configured password that was refused is not going to work better the second time.
        const configured = status === 'USERNAME_PASSWORD_REQUIRED' && configuredPasswordUsed
        if (configured || tries >= maxAttempts)
          throw toCliError(step.error, step.status === undefined ? {} : { status })
        prompter.error(describe(step.error))
      }
      if (step.stage === 'pingOne') {
        const answer = await pingOne.answer(step)
        if (answer) return answer
      }
      if (step.stage === 'pingFederate') {
        const answer = await pingFederate.answer(step)
        if (answer) return answer
      }
      switch (step.status) {
        case 'IDENTIFIER_REQUIRED': {
          username = await prompter.text('Username', { initial: username })
          report({ stage: 'pingFederate', status, action: 'submitIdentifier', note: username })
          return { action: 'submitIdentifier', body: { identifier: username } }
        }
        case 'USERNAME_PASSWORD_REQUIRED': {
          if (options.askUsername || !username) {
            username = await prompter.text('Username', {
              initial: username,
              ...(options.defaultPassword && { placeholder: 'joe' }),
            })
          }
          if (options.password !== undefined && !configuredPasswordUsed) {
            configuredPasswordUsed = true
            password = options.password
          } else {
            const typed = await prompter.secret(
              'Password',
              options.defaultPassword ? { hint: 'leave empty for the demo password' } : {},
            )
            password = typed || options.defaultPassword || ''
          }
          report({
            stage: 'pingFederate',
            status,
            action: 'checkUsernamePassword',
            note: `${username}, password not shown`,
          })
          return { action: 'checkUsernamePassword', body: { username, password } }
        }
        case 'MUST_CHANGE_PASSWORD': {
          prompter.warn('PingFederate requires a new password.')
          const newPassword = await prompter.secret('New password')
          report({
            stage: 'pingFederate',
            status,
            action: 'checkNewPassword',
            note: 'new password not shown',
          })
          return {
            action: 'checkNewPassword',
            body: { username: state.username ?? username, existingPassword: password, newPassword },
          }
        }
        case 'SUCCESSFUL_PASSWORD_CHANGE':
          return { action: 'continueAuthentication' }
        case 'PUSH_CONFIRMATION_TIMED_OUT':
          prompter.warn('The push timed out.')
          return chooseDevice(step)
        case 'DEVICE_SELECTION_REQUIRED':
          return chooseDevice(step)
        case 'OTP_REQUIRED':
          return (await presetSwitch(step, state)) ?? askCode(step, state)
        case 'ASSERTION_REQUIRED':
          return (await presetSwitch(step, state)) ?? signAssertion(step, state)
        default:
          throw new CliError(
            'UNSUPPORTED_STEP',
            `${stageName(step.stage)} asks for ${status}, which this command cannot answer`,
            ExitCodes.LOGIN_FAILED,
            { stage: step.stage, status },
          )
      }
    },

    update(step, answer) {
      const state = step.state as StepState | undefined
      if (step.phase !== 'waiting') {
        if (!spinner) return
        if (step.phase === 'busy' && step.status === 'PUSH_CONFIRMATION_REQUIRED') return
        const ended = step.status === 'COMPLETED' || step.phase === 'done'
        stopSpinner(
          ended
            ? `✔ Push ${pushAnswer ?? 'approved'}`
            : step.phase === 'failed' && pushAnswer === 'denied'
              ? '✖ Push denied'
              : undefined,
        )
        return
      }
      const key = `${step.stage}:${state?.id}:${step.status}`
      if (spinnerKey === key) return
      stopSpinner()
      spinnerKey = key
      pushAnswer = undefined
      spinner = pingOne.wait(step) ?? pingFederate.wait(step)
      if (spinner) return
      if (step.stage !== 'pingOne' || step.status !== 'PUSH_CONFIRMATION_REQUIRED') {
        spinner = prompter.wait(`Waiting for ${stageName(step.stage)} (${step.status})`)
        return
      }
      report({ stage: 'pingOne', status: step.status, action: 'poll', note: 'push sent to the phone' })
      const cancel = pushCancelKeys(step, answer, report, () =>
        spinner?.message('Push cancelled; PingOne asks for another device'),
      )
      if (!emulator) {
        const device = selectedDevice(state)
        spinner = prompter.wait(
          `Approve the sign-in request on your phone${device?.nickname ? ` (${device.nickname})` : ''}`,
          cancel,
        )
        return
      }
      const push = pushFor(emulator, state)
      prompter.note(push?.text ?? 'Sign-in request', 'Your phone (emulated)')
      const user = pingOneUsername(state, username)
      spinner = prompter.wait('Waiting for the push to be approved on the phone', {
        keys: { a: 'approve', d: 'deny', ...cancel.keys },
        onKey: (name) => {
          if (name === 'c' && !pushAnswer) return cancel.onKey?.(name)
          if (pushAnswer || (name !== 'a' && name !== 'd')) return
          pushAnswer = name === 'a' ? 'approved' : 'denied'
          if (name === 'a') emulator.push.approve(user)
          else emulator.push.deny(user)
          spinner?.message(`Push ${pushAnswer} on the phone; waiting for PingOne to notice`)
        },
      })
    },

    close() {
      stopSpinner()
      prompter.close()
    },
  }
}
