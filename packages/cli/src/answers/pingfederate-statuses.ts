import {
  defaultPingFederateConfig,
  type Emulator,
  type EmulatorOptions,
  type OutboxMessage,
  type PfUserConfig,
  type PingFederateConfig,
} from '@redirectless/emulator'
import type { HybridLoginAnswer, HybridLoginStep } from '@redirectless/orchestrator'
import { CliError } from '../errors.js'
import { ExitCodes } from '../exit-codes.js'
import type { Prompter } from '../prompts/prompter.js'
import type { Spinner } from '../render/spinner.js'
import type { Reporter } from './answerer.js'

/**
 * PingFederate's statuses beyond the password (which `prompted.ts` and `auto.ts` answer): the
 * PingOne MFA and PingID adapters (device choice, passcodes, push, security keys, pairing an e-mail
 * device), password management and account recovery on the HTML Form Adapter, registration, and
 * external authentication in a pop-up. Each answerer returns `undefined` for a status it leaves to
 * the shared code. PingFederate's "go on" statuses never get here: the machine answers them.
 */

/** A device as PingFederate's MFA states list it (`devices[]`). */
interface PfDevice {
  readonly id: string
  readonly type: string
  readonly name?: string
  readonly nickname?: string
  readonly target?: string
  readonly otpEnabled?: boolean
}

/** What the PingFederate statuses read from a flow state (the models of `@redirectless/pingfederate`). */
interface PfStepState {
  readonly id?: string
  readonly username?: string
  readonly devices?: readonly PfDevice[]
  readonly selectedDeviceRef?: { readonly id: string }
  readonly publicKeyCredentialRequestOptions?: object
  readonly daysToExpire?: number
  readonly existingPasswordRequired?: boolean
  readonly fields?: readonly { readonly id: string; readonly label?: string; readonly required?: boolean }[]
  readonly alternativeAuthenticationSources?: readonly { readonly name: string }[]
  readonly authenticationUrl?: string
  readonly presentationMode?: string
  readonly devicePairingMethods?: readonly { readonly deviceType: string }[]
  readonly email?: string
  readonly code?: string
  readonly userMessage?: string
}

/** How a PingFederate device reads in a menu. */
export function pfDeviceLabel(device: PfDevice): string {
  const name = device.nickname ?? device.name
  switch (device.type) {
    case 'EMAIL':
      return `E-mail to ${device.target ?? 'you'}`
    case 'SMS':
      return `Text message to ${device.target ?? 'your phone'}`
    case 'VOICE':
      return `Voice call to ${device.target ?? 'your phone'}`
    case 'TOTP':
      return 'Authenticator app'
    case 'MOBILE':
      return `Push to ${name ?? 'the mobile app'}`
    default:
      return `Security key${name ? ` (${name})` : ''}`
  }
}

/** The newest passcode (or recovery code) the emulator "sent" for this PingFederate flow. */
function sentCode(emulator: Emulator, state: PfStepState, purpose?: string): OutboxMessage | undefined {
  const device = state.selectedDeviceRef?.id
  return emulator.outbox
    .all()
    .findLast(
      (m) =>
        m.flowId === state.id &&
        m.otp !== undefined &&
        (purpose === undefined || m.purpose === purpose) &&
        (!device || m.deviceId === device || purpose !== undefined),
    )
}

/** `checkAssertion`'s body from the emulator's software security key, for a site under `localhost`. */
function assertionBody(emulator: Emulator, state: PfStepState) {
  const origin = 'https://localhost'
  return {
    assertion: emulator.fido.getAssertion(state.publicKeyCredentialRequestOptions ?? {}, origin),
    origin,
    compatibility: 'FULL' as const,
  }
}

const unsupported = (status: string, why: string) =>
  new CliError('UNSUPPORTED_STEP', `PingFederate asks for ${status}: ${why}`, ExitCodes.LOGIN_FAILED, {
    stage: 'pingFederate',
    status,
  })

export interface PromptedPingFederateOptions {
  readonly prompter: Prompter
  readonly report: Reporter
  readonly emulator?: Emulator | undefined
  /** The username and password the login used so far, as defaults. */
  readonly credentials: () => { readonly username: string; readonly password: string }
}

export interface PromptedPingFederate {
  /** The answer to a PingFederate status, or `undefined` when the shared code answers it. */
  answer(step: HybridLoginStep): Promise<HybridLoginAnswer | undefined>
  /** The spinner for a PingFederate status that waits (a push, an external pop-up), or `undefined`. */
  wait(step: HybridLoginStep): Spinner | undefined
}

/** Asks a person for each PingFederate status (a terminal, or lines on a pipe). */
export function promptedPingFederateStatuses(options: PromptedPingFederateOptions): PromptedPingFederate {
  const { prompter, report, emulator } = options
  const note = (status: string, action: string, text: string) =>
    report({ stage: 'pingFederate', status, action, note: text })

  const chooseDevice = async (step: HybridLoginStep, state: PfStepState): Promise<HybridLoginAnswer> => {
    // Without the emulator, a security key would need a browser's WebAuthn: do not offer it.
    const devices = (state.devices ?? []).filter((d) => emulator || !isSecurityKey(d))
    if (devices.length === 0) throw unsupported(step.status ?? '', 'no device this terminal can use')
    const id = await prompter.select(
      'PingFederate asks for a second factor. Which device?',
      devices.map((d) => ({ value: d.id, label: pfDeviceLabel(d) })),
    )
    const device = devices.find((d) => d.id === id) ?? (devices[0] as PfDevice)
    note(step.status ?? '', 'selectDevice', `chose ${device.type}`)
    return { action: 'selectDevice', body: { deviceRef: { id: device.id } } }
  }

  const askCode = async (
    step: HybridLoginStep,
    state: PfStepState,
    action: 'checkOtp' | 'activateEmailDevice' | 'checkRecoveryCode',
    purpose?: string,
  ): Promise<HybridLoginAnswer> => {
    const sent = emulator ? sentCode(emulator, state, purpose) : undefined
    if (sent) {
      prompter.note(
        sent.channel === 'TOTP' ? `Code: ${sent.otp}` : sent.text,
        sent.channel === 'TOTP' ? 'Your authenticator app' : `${sent.channel} to ${sent.to ?? 'you'}`,
      )
    }
    const canSwitch = step.actions.includes('selectDevice') && (state.devices?.length ?? 0) > 1
    const canResend = step.actions.includes('resendOtp')
    const hint = [canSwitch && 'empty to choose another device', canResend && '"resend" for a new code']
      .filter(Boolean)
      .join(', ')
    const typed = await prompter.text(hint ? `Code (${hint})` : 'Code', { placeholder: '123456' })
    if (typed === '' && canSwitch) return chooseDevice(step, state)
    if (typed.toLowerCase() === 'resend' && canResend) {
      note(step.status ?? '', 'resendOtp', 'asked for a new code')
      return { action: 'resendOtp' }
    }
    note(step.status ?? '', action, 'code typed')
    return action === 'checkRecoveryCode'
      ? { action, body: { recoveryCode: typed } }
      : { action, body: { otp: typed } }
  }

  const newPassword = async (label = 'New password'): Promise<string> => prompter.secret(label)

  const signOnMenu = async (
    step: HybridLoginStep,
    state: PfStepState,
  ): Promise<HybridLoginAnswer | undefined> => {
    const sources = step.actions.includes('useAlternativeAuthenticationSource')
      ? (state.alternativeAuthenticationSources ?? [])
      : []
    const choices = [
      { value: 'checkUsernamePassword', label: 'Sign on' },
      ...(step.actions.includes('initiateAccountRecovery')
        ? [{ value: 'initiateAccountRecovery', label: 'Forgot password' }]
        : []),
      ...(step.actions.includes('recoverUsername')
        ? [{ value: 'recoverUsername', label: 'Forgot username' }]
        : []),
      ...(step.actions.includes('initiatePasswordChange')
        ? [{ value: 'initiatePasswordChange', label: 'Change password' }]
        : []),
      ...(step.actions.includes('initiateRegistration')
        ? [{ value: 'initiateRegistration', label: 'Create an account' }]
        : []),
      ...sources.map((s) => ({ value: `source:${s.name}`, label: `Sign on with ${s.name}` })),
    ]
    // Only the password form: the shared code asks for it.
    if (choices.length === 1) return undefined
    const choice = await prompter.select('PingFederate sign-on', choices)
    const status = step.status ?? ''
    if (choice === 'checkUsernamePassword') return undefined
    if (choice.startsWith('source:')) {
      const name = choice.slice('source:'.length)
      note(status, 'useAlternativeAuthenticationSource', name)
      return { action: 'useAlternativeAuthenticationSource', body: { authenticationSource: name } }
    }
    note(status, choice, '')
    if (choice === 'initiateAccountRecovery') {
      const hint = options.credentials().username
      return { action: choice, ...(hint && { body: { usernameHint: hint } }) }
    }
    // One of the menu's own values, each an action the state offers.
    return { action: choice } as HybridLoginAnswer
  }

  return {
    async answer(step) {
      const state = (step.state ?? {}) as PfStepState
      const status = step.status ?? ''
      switch (step.status) {
        case 'USERNAME_PASSWORD_REQUIRED':
          // After a refused password the user is signing on: no menu again.
          return step.error ? undefined : signOnMenu(step, state)
        case 'NEW_PASSWORD_RECOMMENDED': {
          const days = state.daysToExpire ?? 0
          const when = days === 0 ? 'today' : days === 1 ? 'tomorrow' : `in ${days} days`
          const change = await prompter.confirm(`Your password expires ${when}. Change it now?`, false)
          note(status, change ? 'initiatePasswordChange' : 'continueAuthentication', when)
          return { action: change ? 'initiatePasswordChange' : 'continueAuthentication' }
        }
        case 'CURRENT_CREDENTIALS_REQUIRED': {
          const username = await prompter.text('Username', {
            initial: state.username ?? options.credentials().username,
          })
          const password = await prompter.secret('Current password')
          note(status, 'checkCurrentCredentials', `${username}, password not shown`)
          return { action: 'checkCurrentCredentials', body: { username, password } }
        }
        case 'NEW_PASSWORD_REQUIRED': {
          const existing = state.existingPasswordRequired
            ? await prompter.secret('Current password')
            : undefined
          const chosen = await newPassword()
          note(status, 'checkNewPassword', 'new password not shown')
          return {
            action: 'checkNewPassword',
            body: {
              username: state.username ?? options.credentials().username,
              newPassword: chosen,
              ...(existing !== undefined && { existingPassword: existing }),
            },
          }
        }
        case 'ACCOUNT_RECOVERY_USERNAME_REQUIRED': {
          const username = await prompter.text('Username of the account to recover', {
            initial: state.username ?? options.credentials().username,
          })
          note(status, 'checkAccountRecoveryUsername', username)
          return { action: 'checkAccountRecoveryUsername', body: { username } }
        }
        case 'RECOVERY_CODE_REQUIRED':
          return askCode(step, state, 'checkRecoveryCode', 'recovery')
        case 'PASSWORD_RESET_REQUIRED': {
          const chosen = await newPassword()
          note(status, 'checkPasswordReset', 'new password not shown')
          return { action: 'checkPasswordReset', body: { newPassword: chosen } }
        }
        case 'SUCCESSFUL_PASSWORD_RESET':
          prompter.success('Your password was reset: sign on with the new one.')
          return { action: 'continueAuthentication' }
        case 'SUCCESSFUL_ACCOUNT_UNLOCK': {
          const reset = await prompter.confirm('Your account is unlocked. Reset the password too?', false)
          return { action: reset ? 'continueAccountRecovery' : 'continueAuthentication' }
        }
        case 'USERNAME_RECOVERY_EMAIL_REQUIRED': {
          const email = await prompter.text('E-mail address of the account')
          note(status, 'checkUsernameRecoveryEmail', 'address typed')
          return { action: 'checkUsernameRecoveryEmail', body: { email } }
        }
        case 'USERNAME_RECOVERY_EMAIL_SENT': {
          const mail = emulator?.outbox
            .all()
            .findLast((m) => m.flowId === state.id && m.purpose === 'recovery')
          if (mail) prompter.note(mail.text, `E-mail to ${mail.to ?? 'you'}`)
          else prompter.info('PingFederate e-mailed the username to that address, if it has an account.')
          return { action: 'continueAuthentication' }
        }
        case 'REGISTRATION_REQUIRED': {
          const fieldValues: Record<string, string> = {}
          for (const field of state.fields ?? []) {
            const value = await prompter.text(
              `${field.label ?? field.id}${field.required ? '' : ' (optional)'}`,
            )
            if (value !== '') fieldValues[field.id] = value
          }
          const password = await prompter.secret('Password')
          note(status, 'registerUser', `${fieldValues.username ?? 'account'}, password not shown`)
          return { action: 'registerUser', body: { password, fieldValues } }
        }
        case 'EXTERNAL_AUTHENTICATION_REQUIRED':
          // A pop-up is waited for (see `wait`); a REDIRECT presentation never comes back here.
          throw unsupported(
            status,
            'a browser redirect to the external source, which redirectless mode cannot do',
          )
        case 'DEVICE_SELECTION_REQUIRED':
        case 'PUSH_CONFIRMATION_TIMED_OUT':
          if (status === 'PUSH_CONFIRMATION_TIMED_OUT') prompter.warn('The push timed out.')
          return chooseDevice(step, state)
        case 'OTP_REQUIRED':
          return askCode(step, state, 'checkOtp')
        case 'EMAIL_ACTIVATION_REQUIRED':
          return askCode(step, state, 'activateEmailDevice')
        case 'ASSERTION_REQUIRED': {
          const canSwitch = step.actions.includes('selectDevice')
          if (!emulator) {
            prompter.warn('A security key needs a browser (WebAuthn); this terminal cannot use one.')
            if (canSwitch) return chooseDevice(step, state)
            throw unsupported(status, 'a FIDO2 security key, which needs a browser')
          }
          if (
            !(await prompter.confirm(
              'Touch your security key (the emulator holds a software key). Touch it now?',
            ))
          ) {
            if (canSwitch) return chooseDevice(step, state)
            throw new CliError('INTERRUPTED', 'The security key was not touched', ExitCodes.INTERRUPTED)
          }
          note(status, 'checkAssertion', 'the security key signed the challenge')
          return { action: 'checkAssertion', body: assertionBody(emulator, state) }
        }
        case 'MFA_FAILED':
        case 'PUSH_CONFIRMATION_REJECTED':
          prompter.error(
            state.userMessage ?? `PingFederate: ${status}${state.code ? ` (${state.code})` : ''}`,
          )
          return { action: 'cancelAuthentication' }
        case 'EXTERNAL_AUTHENTICATION_FAILED':
          // Cancelling is all the state offers: the sign-on at the other provider did not happen.
          prompter.error('The external sign-on did not complete.')
          return { action: 'cancelAuthentication' }
        case 'MFA_SETUP_REQUIRED':
          if (!(await prompter.confirm('You have no device for a second factor. Add one now?')))
            return { action: 'cancelAuthentication' }
          return { action: 'setupMfa' }
        case 'DEVICE_PAIRING_METHOD_REQUIRED': {
          const methods = state.devicePairingMethods ?? []
          const deviceType = await prompter.select(
            'Which kind of device?',
            methods.map((m) => ({ value: m.deviceType, label: m.deviceType })),
          )
          return { action: 'selectDevicePairingMethod', body: { devicePairingMethod: { deviceType } } }
        }
        case 'EMAIL_PAIRING_TARGET_REQUIRED': {
          const email = await prompter.text('E-mail address for the codes')
          note(status, 'submitEmailTarget', 'address typed')
          return { action: 'submitEmailTarget', body: { email } }
        }
        case 'DEVICE_MANAGEMENT':
          return { action: 'resumeAuthentication' }
        default:
          return undefined
      }
    },

    wait(step) {
      if (step.stage !== 'pingFederate') return undefined
      const state = (step.state ?? {}) as PfStepState
      if (step.status === 'PUSH_CONFIRMATION_WAITING') {
        note(step.status, 'poll', 'push sent to the phone')
        return prompter.wait(
          emulator
            ? 'Waiting for the push to be approved on the (emulated) phone'
            : 'Approve the sign-in request on your phone',
        )
      }
      if (step.status !== 'EXTERNAL_AUTHENTICATION_REQUIRED') return undefined
      const url = state.authenticationUrl ?? ''
      note(step.status, 'poll', 'waiting for the external sign-on')
      if (!emulator) return prompter.wait(`Sign on in a browser at ${url}; waiting for PingFederate`)
      prompter.note(url, 'External sign-on (emulated pop-up)')
      const username = options.credentials().username
      let answered = false
      const spinner = prompter.wait('Waiting for the external sign-on', {
        keys: { a: 'sign on', d: 'cancel' },
        onKey: (name) => {
          if (answered || (name !== 'a' && name !== 'd')) return
          answered = true
          const hook = emulator.pingFederateExternal
          if (name === 'd') hook.fail({ ...(state.id && { flowId: state.id }) })
          else if (!hook.complete({ ...(state.id && { flowId: state.id }) }))
            hook.complete({ ...(state.id && { flowId: state.id }), username: username || 'joe' })
          spinner.message(`External sign-on ${name === 'a' ? 'done' : 'canceled'}; waiting for PingFederate`)
        },
      })
      return spinner
    },
  }
}

function isSecurityKey(device: PfDevice): boolean {
  return device.type === 'FIDO2' || device.type === 'SECURITY_KEY' || device.type === 'PLATFORM'
}

export interface AutoPingFederateOptions {
  readonly emulator: Emulator
  readonly username: string
  readonly report: Reporter
  /** The device type `--device` asks for, when PingFederate offers it. */
  readonly device?: string | undefined
  /** How long the emulated pop-up takes, ms. */
  readonly delayMs?: number | undefined
}

export interface AutoPingFederate {
  answer(step: HybridLoginStep): HybridLoginAnswer | undefined
  /** Handles a waiting PingFederate status (the external pop-up); true when it did. */
  update(step: HybridLoginStep & { readonly phase: string }): boolean
  close(): void
}

/**
 * The non-interactive demo's answers to PingFederate's statuses, taken from the emulator as a user
 * would: the external source when the sign-on form offers one (its pop-up then signed on), the first
 * device (or `--device`), the code from the outbox, the software security key, an e-mail device
 * paired when the adapter asks. A password about to expire is kept; a dead end (`MFA_FAILED`, a
 * rejected push) ends the login.
 */
export function autoPingFederateStatuses(options: AutoPingFederateOptions): AutoPingFederate {
  const { emulator, report } = options
  const timers = new Set<ReturnType<typeof setTimeout>>()
  const popups = new Set<string>()
  const note = (status: string, action: string, text: string) =>
    report({ stage: 'pingFederate', status, action, note: text })
  const failed = (status: string, state: PfStepState) =>
    new CliError(
      'FLOW_FAILED',
      `PingFederate: ${state.userMessage ?? status}${state.code ? ` (${state.code})` : ''}`,
      ExitCodes.LOGIN_FAILED,
      { stage: 'pingFederate', status, ...(state.code !== undefined && { reason: state.code }) },
    )

  return {
    answer(step) {
      if (step.stage !== 'pingFederate') return undefined
      const state = (step.state ?? {}) as PfStepState
      const status = step.status ?? ''
      switch (step.status) {
        case 'USERNAME_PASSWORD_REQUIRED': {
          // The demo shows what the policy adds: an external source, when one is offered.
          const source = state.alternativeAuthenticationSources?.[0]?.name
          if (step.error || !source || !step.actions.includes('useAlternativeAuthenticationSource'))
            return undefined
          note(status, 'useAlternativeAuthenticationSource', source)
          return { action: 'useAlternativeAuthenticationSource', body: { authenticationSource: source } }
        }
        case 'NEW_PASSWORD_RECOMMENDED':
          note(status, 'continueAuthentication', 'kept the password for now')
          return { action: 'continueAuthentication' }
        case 'DEVICE_SELECTION_REQUIRED':
        case 'PUSH_CONFIRMATION_TIMED_OUT': {
          const devices = state.devices ?? []
          const device = devices.find((d) => d.type === options.device) ?? devices[0]
          if (!device) throw failed(status, state)
          note(status, 'selectDevice', `chose ${device.type}`)
          return { action: 'selectDevice', body: { deviceRef: { id: device.id } } }
        }
        case 'OTP_REQUIRED':
        case 'EMAIL_ACTIVATION_REQUIRED': {
          const sent = sentCode(emulator, state)
          if (!sent?.otp) throw unsupported(status, 'the emulator sent no code for this flow')
          const action = status === 'OTP_REQUIRED' ? 'checkOtp' : 'activateEmailDevice'
          note(
            status,
            action,
            `code received by ${sent.channel === 'TOTP' ? 'the authenticator app' : sent.channel}`,
          )
          return { action, body: { otp: sent.otp } }
        }
        case 'ASSERTION_REQUIRED':
          note(status, 'checkAssertion', 'the security key signed the challenge')
          return { action: 'checkAssertion', body: assertionBody(emulator, state) }
        case 'MFA_SETUP_REQUIRED':
          note(status, 'setupMfa', 'pairing an e-mail device')
          return { action: 'setupMfa' }
        case 'DEVICE_PAIRING_METHOD_REQUIRED':
          return {
            action: 'selectDevicePairingMethod',
            body: { devicePairingMethod: { deviceType: 'EMAIL' } },
          }
        case 'EMAIL_PAIRING_TARGET_REQUIRED':
          return { action: 'submitEmailTarget', body: { email: `${options.username}@example.com` } }
        case 'MFA_FAILED':
        case 'PUSH_CONFIRMATION_REJECTED':
        case 'EXTERNAL_AUTHENTICATION_FAILED':
          throw failed(status, state)
        case 'EXTERNAL_AUTHENTICATION_REQUIRED':
          throw unsupported(
            status,
            'a browser redirect to the external source, which redirectless mode cannot do',
          )
        default:
          return undefined
      }
    },

    update(step) {
      if (step.stage !== 'pingFederate' || step.status !== 'EXTERNAL_AUTHENTICATION_REQUIRED') return false
      const id = (step.state as PfStepState | undefined)?.id ?? ''
      if (popups.has(id)) return true
      popups.add(id)
      note(step.status, 'poll', 'the emulated pop-up signs on')
      const timer = setTimeout(() => {
        timers.delete(timer)
        const hook = emulator.pingFederateExternal
        if (!hook.complete({ flowId: id })) hook.complete({ flowId: id, username: options.username })
      }, options.delayMs ?? 200)
      timers.add(timer)
      return true
    },

    close() {
      for (const timer of timers) clearTimeout(timer)
      timers.clear()
    },
  }
}

/** The PingFederate policies `redirectless demo --pf-policy` can put in front of PingOne. */
export const PINGFEDERATE_DEMO_POLICIES: Readonly<
  Record<
    string,
    {
      readonly about: string
      readonly config: (users: readonly PfUserConfig[]) => Partial<PingFederateConfig>
    }
  >
> = {
  'pingone-mfa': {
    about: 'the PingOne MFA adapter after the password (device, code, push, security key)',
    config: () => ({ mfa: { type: 'pingone-mfa' } }),
  },
  pingid: { about: 'the PingID adapter after the password', config: () => ({ mfa: { type: 'pingid' } }) },
  'self-service': {
    about: 'password change, password reset, username recovery, registration',
    config: () => ({
      htmlForm: { passwordChange: true, accountRecovery: true, usernameRecovery: true, registration: true },
    }),
  },
  'password-expiring': {
    about: "the user's password expires in 3 days (NEW_PASSWORD_RECOMMENDED)",
    config: (users) => ({ users: users.map((u) => ({ ...u, passwordExpiresInDays: 3 })) }),
  },
  social: {
    about: 'sign on with an external source in a (emulated) pop-up',
    config: () => ({ externalSources: [{ name: 'Emulator Social' }] }),
  },
  resume: {
    about: 'a step that is not API-capable: RESUME, which needs a browser',
    config: () => ({ nonApiStep: { interactive: false } }),
  },
}

/** The `redirectless demo --help` lines about them. */
export const PINGFEDERATE_DEMO_HELP = [
  'PingFederate policies (--pf-policy; default: the password only):',
  ...Object.entries(PINGFEDERATE_DEMO_POLICIES).map(([name, p]) => `  ${name.padEnd(17)} ${p.about}`),
].join('\n')

/** The demo emulator's options with a PingFederate policy applied over `base`. */
export function withPingFederatePolicy(base: EmulatorOptions, policy: string | undefined): EmulatorOptions {
  if (policy === undefined) return base
  // Own members only: `--pf-policy constructor` must not find Object's.
  const chosen = Object.hasOwn(PINGFEDERATE_DEMO_POLICIES, policy)
    ? PINGFEDERATE_DEMO_POLICIES[policy]
    : undefined
  if (!chosen) {
    throw new CliError(
      'USAGE',
      `--pf-policy must be one of ${Object.keys(PINGFEDERATE_DEMO_POLICIES).join(', ')}`,
      ExitCodes.USAGE,
    )
  }
  const users = base.pingFederate?.users ?? defaultPingFederateConfig.users
  return { ...base, pingFederate: { ...base.pingFederate, ...chosen.config(users) } }
}
