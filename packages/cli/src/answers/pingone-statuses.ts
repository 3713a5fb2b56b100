import type { Emulator } from '@redirectless/emulator'
import type { HybridLoginAnswer, HybridLoginStep } from '@redirectless/orchestrator'
import { CliError } from '../errors.js'
import { ExitCodes } from '../exit-codes.js'
import type { Prompter, WaitOptions } from '../prompts/prompter.js'
import { maskTarget } from '../render/mask.js'
import type { Spinner } from '../render/spinner.js'
import type { Reporter } from './answerer.js'

/**
 * The PingOne sign-on statuses beyond MFA (which `prompted.ts` and `auto.ts` answer): identifier
 * first, passwords (change, expiry, recovery, lockout), verification, registration, invitations,
 * agreements, progressive profiling, external identity providers, account linking and
 * confirmation, and the device authorization grant. Each answerer returns `undefined` for a status
 * it leaves to the shared code.
 */

/** What the PingOne statuses read from a flow state (the models of `@redirectless/pingone`). */
interface PingOneStepState {
  readonly id?: string
  readonly _embedded?: {
    readonly user?: { readonly username?: string; readonly email?: string }
    readonly passwordPolicy?: PasswordPolicy
    readonly agreement?: {
      readonly name?: string
      readonly text?: string
      readonly declineOptionDisabled?: boolean
    }
    readonly profileData?: {
      readonly promptText?: string
      readonly attributes?: readonly { readonly name: string; readonly required?: boolean }[]
    }
    readonly identityProvider?: Provider
    readonly socialProviders?: readonly Provider[]
    readonly deviceAuthorization?: { readonly userCode?: string; readonly scopes?: readonly string[] }
  }
}

interface Provider {
  readonly id?: string
  readonly name?: string
  readonly _links?: { readonly authenticate?: { readonly href: string } }
}

interface PasswordPolicy {
  readonly length?: { readonly min?: number; readonly max?: number }
  readonly minCharacters?: Readonly<Record<string, number>>
  readonly maxRepeatedCharacters?: number
  readonly minUniqueCharacters?: number
  readonly excludesCommonlyUsed?: boolean
  readonly excludesProfileData?: boolean
  readonly notSimilarToCurrent?: boolean
  readonly history?: { readonly count?: number }
}

/** Server reasons of the PingOne sign-on statuses, in words (for `errors.ts`'s messages). */
export const PINGONE_REASONS: Readonly<Record<string, string>> = {
  INVALID_CREDENTIALS: 'the username or password was refused',
  PASSWORD_LOCKED_OUT: 'too many failed sign-ons; the password is locked for a while',
  AGREEMENT_DECLINED: 'the agreement was declined',
  INVITATION_DECLINED: 'the invitation was declined',
  CONSENT_DECLINED: 'the device was not allowed',
  IDENTITY_MISMATCH: 'the external account belongs to another user',
  USER_NOT_FOUND: 'no user is linked to the external account',
  UNIQUENESS_VIOLATION: 'that username is taken',
}

const PROFILE_LABELS: Readonly<Record<string, string>> = {
  mobilePhone: 'Mobile phone',
  nickname: 'Nickname',
  email: 'E-mail',
  'name.given': 'Given name',
  'name.family': 'Family name',
  'address.locality': 'City',
}

/** Each password-policy rule, as the user must read it (names from PingOne's `unsatisfiedRequirements`). */
export function passwordRules(policy: PasswordPolicy | undefined): Record<string, string> {
  if (!policy) return {}
  const rules: Record<string, string> = {}
  const length = policy.length
  if (length?.min !== undefined) rules.length = `${length.min} to ${length.max ?? 255} characters`
  const sets = Object.entries(policy.minCharacters ?? {})
  if (sets.length > 0) {
    const named = sets.map(([set, n]) => `${n} ${characterSetName(set)}`)
    rules.minCharacters = `at least ${named.join(', ')}`
  }
  if (policy.maxRepeatedCharacters !== undefined)
    rules.maxRepeatedCharacters = `no character more than ${policy.maxRepeatedCharacters} times in a row`
  if (policy.minUniqueCharacters !== undefined)
    rules.minUniqueCharacters = `at least ${policy.minUniqueCharacters} different characters`
  if (policy.excludesCommonlyUsed) rules.excludesCommonlyUsed = 'not a commonly used password'
  if (policy.excludesProfileData)
    rules.excludesProfileData = 'nothing from your profile (username, name, e-mail)'
  if (policy.notSimilarToCurrent) rules.notSimilarToCurrent = 'not the current password'
  if (policy.history?.count) rules.history = `none of your last ${policy.history.count} passwords`
  return rules
}

function characterSetName(set: string): string {
  if (/^[A-Z]+$/.test(set)) return 'uppercase letter'
  if (/^[a-z]+$/.test(set)) return 'lowercase letter'
  if (/^[0-9]+$/.test(set)) return 'digit'
  return `of ${set}`
}

/** The rules a refused password broke, from the error's `innerError.unsatisfiedRequirements`. */
function unsatisfied(step: HybridLoginStep, state: PingOneStepState): string[] {
  const server = step.error?.server as
    | { details?: { innerError?: { unsatisfiedRequirements?: unknown } }[] }
    | undefined
  const names = server?.details?.[0]?.innerError?.unsatisfiedRequirements
  if (!Array.isArray(names)) return []
  const rules = passwordRules(state._embedded?.passwordPolicy)
  return names.filter((n): n is string => typeof n === 'string').map((n) => rules[n] ?? n)
}

/** `innerError.secondsUntilUnlock` of a `PASSWORD_LOCKED_OUT` refusal, if that is what it was. */
function lockedFor(step: HybridLoginStep): number | undefined {
  const detail = (
    step.error?.server as
      | { details?: { code?: string; innerError?: { secondsUntilUnlock?: unknown } }[] }
      | undefined
  )?.details?.[0]
  const seconds = detail?.innerError?.secondsUntilUnlock
  return detail?.code === 'PASSWORD_LOCKED_OUT' && typeof seconds === 'number' ? seconds : undefined
}

/**
 * The statuses this file answers with a prompt of its own (the sign-on forms put `session.reset` in
 * their menu instead): where PingOne offers `session.reset`, the user is asked first whether to go
 * on or start over.
 */
const STARTS_OVER: ReadonlySet<string> = new Set([
  'PASSWORD_REQUIRED',
  'ACCOUNT_LINKING_REQUIRED',
  'MUST_CHANGE_PASSWORD',
  'PASSWORD_EXPIRED',
  'RECOVERY_CODE_REQUIRED',
  'VERIFICATION_CODE_REQUIRED',
  'AGREEMENT_CONSENT_REQUIRED',
  'PROFILE_DATA_REQUIRED',
  'ACCOUNT_CONFIRMATION_REQUIRED',
  'DAG_USER_CODE_REQUIRED',
  'DAG_CONSENT_REQUIRED',
])

/** The menu entry for PingOne's `session.reset`. */
const START_OVER = { value: 'session.reset', label: 'Start the sign-on over' } as const

function duration(seconds: number): string {
  return seconds > 90 ? `${Math.ceil(seconds / 60)} minutes` : `${seconds} seconds`
}

/** The account an emulated browser signs on with at a provider: the user's linked one, if any. */
function externalSubject(emulator: Emulator, username: string, providerId: string | undefined): string {
  const user = emulator.config.pingOne.users.find((u) => u.username === username)
  const linked = user?.externalIdentities?.find((e) => e.providerId === providerId)
  return linked?.subject ?? `${username}@external.example`
}

/** The password a non-interactive demo sets when PingOne asks for a new one: random, never shown. */
function demoNewPassword(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(9))
  return `Demo-${Buffer.from(bytes).toString('base64url')}-7q!`
}

export interface PromptedPingOneOptions {
  readonly prompter: Prompter
  readonly report: Reporter
  readonly emulator?: Emulator | undefined
  /** The username and password the login used so far (PingFederate's), as defaults. */
  readonly credentials: () => { readonly username: string; readonly password: string }
}

export interface PromptedPingOne {
  /** The answer to a PingOne sign-on status, or `undefined` when the shared code answers it (MFA). */
  answer(step: HybridLoginStep): Promise<HybridLoginAnswer | undefined>
  /** The spinner for a PingOne status that waits on a browser (external sign-on), or `undefined`. */
  wait(step: HybridLoginStep): Spinner | undefined
}

/** Asks a person for each PingOne sign-on status (a terminal, or lines on a pipe). */
export function promptedPingOneStatuses(options: PromptedPingOneOptions): PromptedPingOne {
  const { prompter, report, emulator } = options
  // The password PingOne last accepted: what `password.reset` needs as the current one.
  let pingOnePassword: string | undefined

  const note = (status: string, action: string, text: string) =>
    report({ stage: 'pingOne', status, action, note: text })

  const startOver = (status: string): HybridLoginAnswer => {
    note(status, 'session.reset', 'started the sign-on over')
    return { action: 'session.reset' }
  }

  const usernameOf = (state: PingOneStepState) =>
    state._embedded?.user?.username ?? options.credentials().username

  const askPassword = async (status: string, username: string): Promise<HybridLoginAnswer> => {
    const typed = await prompter.secret(`PingOne password for ${username}`, {
      hint: 'leave empty for the one typed at PingFederate',
    })
    pingOnePassword = typed || options.credentials().password
    note(status, 'usernamePassword.check', `${username}, password not shown`)
    return { action: 'usernamePassword.check', body: { username, password: pingOnePassword } }
  }

  const signOnForm = async (step: HybridLoginStep, state: PingOneStepState): Promise<HybridLoginAnswer> => {
    const status = step.status ?? ''
    const primary = status === 'SIGN_ON_REQUIRED' ? 'user.lookup' : 'usernamePassword.check'
    const choices = [
      { value: primary, label: 'Sign on' },
      ...(step.actions.includes('session.reset') ? [START_OVER] : []),
      ...(step.actions.includes('password.forgot')
        ? [{ value: 'password.forgot', label: 'Forgot password' }]
        : []),
      ...(step.actions.includes('user.register')
        ? [{ value: 'user.register', label: 'Register a new account' }]
        : []),
      ...(step.actions.includes('user.acceptInvite')
        ? [{ value: 'user.acceptInvite', label: 'Accept an invitation' }]
        : []),
      ...(step.actions.includes('kerberos.lookup') && emulator
        ? [{ value: 'kerberos.lookup', label: "Sign on with this computer's Kerberos ticket (emulated)" }]
        : []),
    ]
    const choice = choices.length > 1 ? await prompter.select('PingOne sign-on', choices) : primary
    const known = options.credentials().username
    switch (choice) {
      case 'password.forgot': {
        const username = await prompter.text('Username of the forgotten password', { initial: known })
        note(status, 'password.forgot', `${username}: a recovery code is sent by e-mail`)
        return { action: 'password.forgot', body: { username } }
      }
      case 'user.register': {
        const rules = Object.values(passwordRules(state._embedded?.passwordPolicy))
        if (rules.length > 0) prompter.info(`A password needs ${rules.join('; ')}.`)
        const username = await prompter.text('New username')
        const email = await prompter.text('E-mail')
        const password = await prompter.secret('Password')
        pingOnePassword = password
        note(status, 'user.register', `${username}, password not shown`)
        return { action: 'user.register', body: { username, email, password } }
      }
      case 'user.acceptInvite': {
        const inviteCode = await prompter.text('Invitation code (from the e-mail)')
        const accept = await prompter.confirm('Accept the invitation?')
        const password = accept ? await prompter.secret('Choose a password') : ''
        note(
          status,
          'user.acceptInvite',
          accept ? 'invitation accepted, password not shown' : 'invitation declined',
        )
        return { action: 'user.acceptInvite', body: { inviteCode, password, accept } }
      }
      case 'session.reset':
        return startOver(status)
      case 'kerberos.lookup': {
        if (emulator && state.id) emulator.pingOneBrowser.kerberos(state.id, known)
        note(status, 'kerberos.lookup', `the Kerberos ticket of ${known}`)
        return { action: 'kerberos.lookup' }
      }
      case 'user.lookup': {
        const username = await prompter.text('Username', { initial: known })
        note(status, 'user.lookup', username)
        return { action: 'user.lookup', body: { username } }
      }
      default: {
        const username = await prompter.text('Username', { initial: known })
        return askPassword(status, username)
      }
    }
  }

  const changePassword = async (
    step: HybridLoginStep,
    state: PingOneStepState,
  ): Promise<HybridLoginAnswer> => {
    const status = step.status ?? ''
    const broken = unsatisfied(step, state)
    if (broken.length > 0) prompter.warn(`That password was refused: it needs ${broken.join('; ')}.`)
    else {
      prompter.warn(
        status === 'PASSWORD_EXPIRED'
          ? 'Your PingOne password has expired.'
          : 'PingOne requires a new password.',
      )
      const rules = Object.values(passwordRules(state._embedded?.passwordPolicy))
      if (rules.length > 0) prompter.info(`The new password needs ${rules.join('; ')}.`)
    }
    const currentPassword = pingOnePassword ?? (await prompter.secret('Current password'))
    const newPassword = await prompter.secret('New password')
    note(status, 'password.reset', 'new password not shown')
    return { action: 'password.reset', body: { currentPassword, newPassword } }
  }

  return {
    async answer(step) {
      const state = (step.state ?? {}) as PingOneStepState
      const status = step.status ?? ''
      const seconds = lockedFor(step)
      if (seconds !== undefined) {
        throw new CliError(
          'PASSWORD_LOCKED_OUT',
          `PingOne locked the password after too many failed sign-ons; try again in ${duration(seconds)}`,
          ExitCodes.LOGIN_FAILED,
          { stage: 'pingOne', status, reason: 'PASSWORD_LOCKED_OUT' },
        )
      }
      if (STARTS_OVER.has(status) && step.actions.includes('session.reset')) {
        const choice = await prompter.select(`PingOne asks for ${status}`, [
          { value: 'continue', label: 'Continue' },
          START_OVER,
        ])
        if (choice === START_OVER.value) return startOver(status)
      }
      switch (status) {
        case 'USERNAME_PASSWORD_REQUIRED':
        case 'SIGN_ON_REQUIRED':
          return signOnForm(step, state)
        case 'PASSWORD_REQUIRED':
          return askPassword(status, usernameOf(state))
        case 'ACCOUNT_LINKING_REQUIRED': {
          const provider = state._embedded?.identityProvider?.name ?? 'the identity provider'
          prompter.info(`Your ${provider} account is new here: sign on once to link it to your account.`)
          const username = await prompter.text('Username', { initial: options.credentials().username })
          return askPassword(status, username)
        }
        case 'MUST_CHANGE_PASSWORD':
        case 'PASSWORD_EXPIRED':
          return changePassword(step, state)
        case 'RECOVERY_CODE_REQUIRED': {
          const message = emulator?.outbox
            .all()
            .findLast((m) => m.flowId === state.id && m.purpose === 'recovery')
          if (message) prompter.note(message.text, `E-mail to ${message.to ?? 'you'}`)
          const recoveryCode = await prompter.text('Recovery code (leave empty to send another)')
          if (recoveryCode === '') return { action: 'password.sendRecoveryCode' }
          const newPassword = await prompter.secret('New password')
          note(status, 'password.recover', 'recovery code typed, new password not shown')
          return { action: 'password.recover', body: { recoveryCode, newPassword } }
        }
        case 'VERIFICATION_CODE_REQUIRED': {
          const message = emulator?.outbox
            .all()
            .findLast((m) => m.flowId === state.id && m.purpose === 'verification')
          if (message) prompter.note(message.text, `E-mail to ${message.to ?? 'you'}`)
          else prompter.info('PingOne e-mailed a verification code.')
          const verificationCode = await prompter.text('Verification code (leave empty to send another)')
          if (verificationCode === '') {
            note(status, 'user.sendVerificationCode', 'asked for another code')
            return { action: 'user.sendVerificationCode' }
          }
          note(status, 'user.verify', `code typed (received by e-mail to ${maskTarget(message?.to)})`)
          return { action: 'user.verify', body: { verificationCode } }
        }
        case 'AGREEMENT_CONSENT_REQUIRED': {
          const agreement = state._embedded?.agreement
          prompter.note(
            agreement?.text ?? 'PingOne asks you to accept its terms.',
            agreement?.name ?? 'Agreement',
          )
          const accept = await prompter.confirm(
            agreement?.declineOptionDisabled ? 'Accept to continue' : 'Accept? (declining ends the sign-on)',
          )
          note(status, 'user.consent', accept ? `accepted ${agreement?.name ?? 'the agreement'}` : 'declined')
          return { action: 'user.consent', body: { accept } }
        }
        case 'PROFILE_DATA_REQUIRED': {
          const profile = state._embedded?.profileData
          if (profile?.promptText) prompter.info(profile.promptText)
          const values: Record<string, string> = {}
          for (const { name, required } of profile?.attributes ?? []) {
            const label = PROFILE_LABELS[name] ?? name
            const value = await prompter.text(required ? label : `${label} (optional)`)
            if (value !== '') values[name] = value
          }
          note(status, 'user.update', `profile: ${Object.keys(values).join(', ') || 'nothing added'}`)
          return { action: 'user.update', body: values }
        }
        case 'ACCOUNT_CONFIRMATION_REQUIRED': {
          const user = state._embedded?.user
          const provider = state._embedded?.identityProvider?.name ?? 'The identity provider'
          prompter.note(
            [`username: ${user?.username ?? '?'}`, ...(user?.email ? [`e-mail: ${user.email}`] : [])].join(
              '\n',
            ),
            `${provider} says`,
          )
          const username = await prompter.text('Username for the new account', {
            initial: user?.username ?? '',
          })
          note(status, 'user.confirm', `new account ${username}`)
          return {
            action: 'user.confirm',
            ...(username && username !== user?.username && { body: { username } }),
          }
        }
        case 'DAG_USER_CODE_REQUIRED': {
          const userCode = await prompter.text('The code your device shows')
          note(status, 'deviceAuthGrant.userCode.verify', userCode)
          return { action: 'deviceAuthGrant.userCode.verify', body: { userCode } }
        }
        case 'DAG_CONSENT_REQUIRED': {
          const grant = state._embedded?.deviceAuthorization
          const accept = await prompter.confirm(
            `Allow the device showing ${grant?.userCode ?? 'the code'}${grant?.scopes?.length ? ` (${grant.scopes.join(', ')})` : ''}?`,
          )
          note(status, 'deviceAuthGrant.consent', accept ? 'device allowed' : 'device refused')
          return { action: 'deviceAuthGrant.consent', body: { accept } }
        }
        default:
          return undefined
      }
    },

    wait(step) {
      if (step.stage !== 'pingOne' || step.status !== 'EXTERNAL_AUTHENTICATION_REQUIRED') return undefined
      const state = (step.state ?? {}) as PingOneStepState
      const provider = state._embedded?.identityProvider
      const name = provider?.name ?? 'the identity provider'
      note(step.status, 'poll', `browser sent to ${name}`)
      const href = provider?._links?.authenticate?.href
      if (!emulator || !state.id) {
        return prompter.wait(`Sign on at ${name} in a browser${href ? `: ${href}` : ''}`)
      }
      const flowId = state.id
      const subject = externalSubject(emulator, usernameOf(state), provider?.id)
      let signedIn = false
      const spinner = prompter.wait(`Sign on at ${name} (emulated browser)`, {
        keys: { s: 'sign in' },
        onKey: (key) => {
          if (key !== 's' || signedIn) return
          signedIn = emulator.pingOneBrowser.externalSignIn(flowId, {
            ...(provider?.id !== undefined && { providerId: provider.id }),
            subject,
          })
          spinner.message(`Signed in at ${name}; waiting for PingOne to notice`)
        },
      })
      return spinner
    },
  }
}

/**
 * The key that gives up a waiting push where PingOne offers `cancel.push.authentication` (reason
 * `CHANGE_DEVICE`; PingOne then asks for another device), for the push spinner's keys. Sent once;
 * `answer` is `runHybridLogin`'s, so a key pressed after the push was answered is dropped.
 */
export function pushCancelKeys(
  step: HybridLoginStep,
  answer: ((answer: HybridLoginAnswer) => void) | undefined,
  report: Reporter,
  onCancel: () => void,
): WaitOptions {
  if (!answer || step.stage !== 'pingOne' || !step.actions.includes('cancel.push.authentication')) return {}
  let sent = false
  return {
    keys: { c: 'use another device' },
    onKey: (name) => {
      if (name !== 'c' || sent) return
      sent = true
      report({
        stage: 'pingOne',
        status: step.status ?? '',
        action: 'cancel.push.authentication',
        note: 'push cancelled to choose another device',
      })
      onCancel()
      answer({ action: 'cancel.push.authentication', body: { reason: 'CHANGE_DEVICE' } })
    },
  }
}

export interface AutoPingOneOptions {
  readonly emulator: Emulator
  readonly username: string
  readonly password: string
  readonly report: Reporter
  /** How long the emulated browser takes at an external identity provider, ms. */
  readonly browserDelayMs?: number | undefined
}

export interface AutoPingOne {
  answer(step: HybridLoginStep): HybridLoginAnswer | undefined
  /** Handles a waiting PingOne status other than push (returns true), or leaves it (false). */
  update(step: HybridLoginStep): boolean
  close(): void
}

/** The non-interactive demo's answers to the PingOne sign-on statuses, from the emulator. */
export function autoPingOneStatuses(options: AutoPingOneOptions): AutoPingOne {
  const { emulator, username, report } = options
  const timers = new Set<ReturnType<typeof setTimeout>>()
  const started = new Set<string>()
  let password = options.password
  const note = (status: string, action: string, text: string) =>
    report({ stage: 'pingOne', status, action, note: text })
  const codeFor = (state: PingOneStepState, purpose: 'verification' | 'recovery') =>
    emulator.outbox.all().findLast((m) => m.flowId === state.id && m.purpose === purpose)

  return {
    answer(step) {
      const state = (step.state ?? {}) as PingOneStepState
      const status = step.status ?? ''
      const user = state._embedded?.user?.username ?? username
      switch (status) {
        case 'SIGN_ON_REQUIRED':
          note(status, 'user.lookup', username)
          return { action: 'user.lookup', body: { username } }
        case 'USERNAME_PASSWORD_REQUIRED':
        case 'PASSWORD_REQUIRED':
        case 'ACCOUNT_LINKING_REQUIRED':
          note(status, 'usernamePassword.check', `${user} with the demo password (not shown)`)
          return { action: 'usernamePassword.check', body: { username: user, password } }
        case 'MUST_CHANGE_PASSWORD':
        case 'PASSWORD_EXPIRED': {
          const newPassword = demoNewPassword()
          const currentPassword = password
          password = newPassword
          note(status, 'password.reset', 'a new random password (not shown)')
          return { action: 'password.reset', body: { currentPassword, newPassword } }
        }
        case 'VERIFICATION_CODE_REQUIRED': {
          const message = codeFor(state, 'verification')
          note(status, 'user.verify', `code received by e-mail to ${maskTarget(message?.to)}`)
          return { action: 'user.verify', body: { verificationCode: message?.otp ?? '' } }
        }
        case 'RECOVERY_CODE_REQUIRED': {
          const newPassword = demoNewPassword()
          password = newPassword
          note(status, 'password.recover', 'recovery code from the e-mail, a new random password (not shown)')
          return {
            action: 'password.recover',
            body: { recoveryCode: codeFor(state, 'recovery')?.otp ?? '', newPassword },
          }
        }
        case 'AGREEMENT_CONSENT_REQUIRED':
          note(status, 'user.consent', `accepted ${state._embedded?.agreement?.name ?? 'the agreement'}`)
          return { action: 'user.consent', body: { accept: true } }
        case 'PROFILE_DATA_REQUIRED': {
          const config = emulator.config.pingOne.users.find((u) => u.username === user)
          const phone = config?.devices.find((d) => d.phone)?.phone ?? '+15555550100'
          const values: Record<string, string> = {}
          for (const a of state._embedded?.profileData?.attributes ?? [])
            if (a.required) values[a.name] = a.name === 'mobilePhone' ? phone : 'demo'
          note(status, 'user.update', `profile: ${Object.keys(values).join(', ') || 'nothing added'}`)
          return { action: 'user.update', body: values }
        }
        case 'ACCOUNT_CONFIRMATION_REQUIRED':
          note(status, 'user.confirm', `new account ${state._embedded?.user?.username ?? ''}`)
          return { action: 'user.confirm' }
        default:
          return undefined
      }
    },

    update(step) {
      if (step.stage !== 'pingOne' || step.status !== 'EXTERNAL_AUTHENTICATION_REQUIRED') return false
      const state = (step.state ?? {}) as PingOneStepState
      if (!state.id || started.has(state.id)) return true
      started.add(state.id)
      const provider = state._embedded?.identityProvider
      const name = provider?.name ?? 'the identity provider'
      note(step.status, 'poll', `browser sent to ${name}; the emulated browser signs in`)
      const flowId = state.id
      const subject = externalSubject(emulator, state._embedded?.user?.username ?? username, provider?.id)
      const timer = setTimeout(() => {
        timers.delete(timer)
        emulator.pingOneBrowser.externalSignIn(flowId, {
          ...(provider?.id !== undefined && { providerId: provider.id }),
          subject,
        })
      }, options.browserDelayMs ?? 200)
      timers.add(timer)
      return true
    },

    close() {
      for (const timer of timers) clearTimeout(timer)
      timers.clear()
    },
  }
}
