import type { ActionBody } from './actions.js'
import { PfApiError, type PfErrorDetail, validationError } from './errors.js'
import type { Flow } from './flows.js'
import { policyCheck } from './html-form.js'
import type { PfRuntime } from './runtime.js'
import type { UserRecord } from './users.js'

/**
 * Registration through a local identity profile (`REGISTRATION_REQUIRED`, contract §3.3): a form of
 * fields the client renders, and `registerUser { password, fieldValues }` creating the account,
 * after which the user is signed on as if by password.
 */

/** One field of the registration form, as the widget's `renderfield` reads it. */
interface RegistrationField {
  readonly id: string
  readonly label: string
  readonly type: 'Text' | 'Email' | 'Phone' | 'Date' | 'Checkbox' | 'Dropdown' | 'CheckboxGroup'
  readonly required: boolean
  /** OpenID claim the value becomes. */
  readonly claim?: string
}

const FIELDS: readonly RegistrationField[] = [
  { id: 'username', label: 'Username', type: 'Text', required: true },
  { id: 'email', label: 'Email', type: 'Email', required: true, claim: 'email' },
  { id: 'givenName', label: 'First name', type: 'Text', required: false, claim: 'given_name' },
  { id: 'familyName', label: 'Last name', type: 'Text', required: false, claim: 'family_name' },
]

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/
const USERNAME = /^[A-Za-z0-9._@-]{1,64}$/

/** The model of `REGISTRATION_REQUIRED`. */
export function registrationModel(): Record<string, unknown> {
  return {
    fields: FIELDS.map(({ claim: _claim, ...field }) => ({
      ...field,
      defaultValue: '',
      initialValue: '',
      readonly: false,
      options: [],
    })),
    showThisIsMyDevice: false,
    showCaptcha: false,
  }
}

/**
 * `registerUser`: checks the field values and the password policy, then creates the account.
 * Errors keep the state: a missing or malformed field is `VALIDATION_ERROR` (`target`
 * `fieldValues.<id>`), a taken username `REGISTRATION_FAILED` (contract §4.2).
 */
export function registerUser(rt: PfRuntime, flow: Flow, body: ActionBody): UserRecord {
  const values = body.fieldValues as Record<string, unknown>
  const details: PfErrorDetail[] = []
  const text: Record<string, string> = {}
  for (const field of FIELDS) {
    const raw = values[field.id]
    const value = typeof raw === 'string' ? raw.trim() : ''
    const target = `fieldValues.${field.id}`
    if (raw !== undefined && raw !== null && typeof raw !== 'string') {
      details.push({ code: 'INVALID_FIELD_FORMAT', message: `${field.label} must be text.`, target })
    } else if (value === '') {
      if (field.required)
        details.push({
          code: 'FIELD_REQUIRED',
          message: `The field '${target}' is required.`,
          userMessage: `${field.label} is required.`,
          target,
        })
    } else if (field.type === 'Email' && !EMAIL.test(value)) {
      details.push({
        code: 'INVALID_FIELD_FORMAT',
        message: `${field.label} is not an e-mail address.`,
        userMessage: 'Enter a valid e-mail address.',
        target,
      })
    } else if (field.id === 'username' && !USERNAME.test(value)) {
      details.push({
        code: 'INVALID_FIELD_FORMAT',
        message: 'The username may only hold letters, digits and . _ @ -.',
        userMessage: 'Choose a username of letters and digits.',
        target,
      })
    } else {
      text[field.id] = value
    }
  }
  if (details.length > 0) throw validationError(details)
  const username = text.username as string
  const password = String(body.password)
  // The policy is checked as for any new password (nobody's current password to differ from).
  policyCheck(
    rt,
    {
      username,
      password: '',
      mustChangePassword: false,
      lockable: false,
      claims: {},
      failedAttempts: 0,
      lockedUntil: 0,
      passwordExpiresInDays: undefined,
      devices: [],
    },
    password,
    'password',
  )
  const claims: Record<string, unknown> = {}
  for (const field of FIELDS) {
    const value = text[field.id]
    if (field.claim && value !== undefined) claims[field.claim] = value
  }
  const name = [text.givenName, text.familyName].filter(Boolean).join(' ')
  if (name) claims.name = name
  claims.email_verified = false
  const user = rt.users.register({ username, password, claims })
  if (!user) {
    throw new PfApiError(400, {
      code: 'REGISTRATION_FAILED',
      message: 'The registration could not be completed.',
      userMessage: 'That username is taken. Please choose another one.',
      details: [
        {
          code: 'REGISTRATION_FAILED',
          message: `A user named '${username.slice(0, 64)}' already exists.`,
          userMessage: 'That username is taken. Please choose another one.',
          target: 'fieldValues.username',
        },
      ],
    })
  }
  flow.user = user
  flow.username = user.username
  return user
}
