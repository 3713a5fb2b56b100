import { invalidRequest, type PfErrorDetail, validationError } from './errors.js'

/** The action ids this emulator's policy offers (PF's `verbNoun` naming, contract §3). */
export type ActionId =
  | 'checkUsernamePassword'
  | 'submitIdentifier'
  | 'clearIdentifier'
  | 'cancelIdentifierSubmission'
  | 'checkNewPassword'
  | 'cancelPasswordChange'
  | 'continueAuthentication'
  | 'poll'
  | 'selectDevice'
  | 'cancelAuthentication'
  // HTML Form Adapter: password change, account and username recovery
  | 'initiatePasswordChange'
  | 'checkCurrentCredentials'
  | 'initiateAccountRecovery'
  | 'checkAccountRecoveryUsername'
  | 'recoverUsername'
  | 'cancelAccountRecovery'
  | 'checkRecoveryCode'
  | 'checkPasswordReset'
  | 'continueAccountRecovery'
  | 'checkUsernameRecoveryEmail'
  | 'cancelUsernameRecovery'
  // Registration and external authentication
  | 'initiateRegistration'
  | 'registerUser'
  | 'cancel'
  | 'useAlternativeAuthenticationSource'
  // The PingOne MFA and PingID adapters
  | 'authenticate'
  | 'checkOtp'
  | 'resendOtp'
  | 'checkAssertion'
  | 'manageDevices'
  | 'setDefaultDevice'
  | 'removeDevice'
  | 'updateDeviceNickname'
  | 'resumeAuthentication'
  | 'setupMfa'
  | 'selectDevicePairingMethod'
  | 'submitEmailTarget'
  | 'activateEmailDevice'
  | 'cancelDevicePairing'

interface FieldSpec {
  readonly type: 'string' | 'boolean' | 'deviceRef' | 'object'
  readonly required?: true
}

const CAPTCHA: Readonly<Record<string, FieldSpec>> = { captchaResponse: { type: 'string' } }
const DEVICE_REF: Readonly<Record<string, FieldSpec>> = { deviceRef: { type: 'deviceRef', required: true } }

/** Each action's JSON model (contract §3.2–3.4); `{}` means the action takes no body. */
export const ACTION_MODELS: Readonly<Record<ActionId, Readonly<Record<string, FieldSpec>>>> = {
  checkUsernamePassword: {
    username: { type: 'string', required: true },
    password: { type: 'string', required: true },
    rememberMyUsername: { type: 'boolean' },
    thisIsMyDevice: { type: 'boolean' },
    captchaResponse: { type: 'string' },
  },
  submitIdentifier: { identifier: { type: 'string', required: true }, captchaResponse: { type: 'string' } },
  clearIdentifier: { identifier: { type: 'string', required: true } },
  cancelIdentifierSubmission: {},
  checkNewPassword: {
    username: { type: 'string', required: true },
    existingPassword: { type: 'string' },
    newPassword: { type: 'string', required: true },
    captchaResponse: { type: 'string' },
  },
  cancelPasswordChange: {},
  continueAuthentication: {},
  poll: {},
  selectDevice: DEVICE_REF,
  cancelAuthentication: {},
  initiatePasswordChange: {},
  checkCurrentCredentials: {
    username: { type: 'string', required: true },
    password: { type: 'string', required: true },
    ...CAPTCHA,
  },
  initiateAccountRecovery: { usernameHint: { type: 'string' } },
  checkAccountRecoveryUsername: { username: { type: 'string', required: true }, ...CAPTCHA },
  recoverUsername: {},
  cancelAccountRecovery: {},
  checkRecoveryCode: { recoveryCode: { type: 'string', required: true } },
  checkPasswordReset: { newPassword: { type: 'string', required: true } },
  continueAccountRecovery: {},
  checkUsernameRecoveryEmail: { email: { type: 'string', required: true }, ...CAPTCHA },
  cancelUsernameRecovery: {},
  initiateRegistration: {},
  registerUser: {
    password: { type: 'string', required: true },
    fieldValues: { type: 'object', required: true },
    thisIsMyDevice: { type: 'boolean' },
    ...CAPTCHA,
  },
  cancel: {},
  useAlternativeAuthenticationSource: { authenticationSource: { type: 'string', required: true } },
  authenticate: { mobilePayload: { type: 'string' } },
  checkOtp: { otp: { type: 'string', required: true } },
  resendOtp: {},
  checkAssertion: {
    assertion: { type: 'string', required: true },
    origin: { type: 'string', required: true },
    compatibility: { type: 'string', required: true },
  },
  manageDevices: {},
  setDefaultDevice: DEVICE_REF,
  removeDevice: DEVICE_REF,
  updateDeviceNickname: {
    id: { type: 'string', required: true },
    nickname: { type: 'string', required: true },
  },
  resumeAuthentication: {},
  setupMfa: {},
  selectDevicePairingMethod: { devicePairingMethod: { type: 'object', required: true } },
  submitEmailTarget: { email: { type: 'string', required: true } },
  activateEmailDevice: { otp: { type: 'string', required: true } },
  cancelDevicePairing: {},
}

/** A validated action body: booleans normalised, unknown fields kept unless strict. */
export type ActionBody = Readonly<Record<string, unknown>>

/**
 * Parses and checks an action body. Empty bodies count as `{}` and `"true"`/`"false"` as booleans,
 * because the widget sends no body for model-less actions and checkbox values as strings (§3.1).
 */
export function parseActionBody(actionId: ActionId, text: string, strict: boolean): ActionBody {
  let raw: unknown = {}
  if (text.trim() !== '') {
    try {
      raw = JSON.parse(text)
    } catch {
      throw invalidRequest('The request body is not valid JSON.')
    }
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw validationError([
      { code: 'UNEXPECTED_ACTION_MODEL', message: `The body of '${actionId}' must be a JSON object.` },
    ])
  }
  const input = raw as Record<string, unknown>
  const model = ACTION_MODELS[actionId]
  const details: PfErrorDetail[] = []
  const out: Record<string, unknown> = { ...input }
  for (const [name, spec] of Object.entries(model)) {
    const value = input[name]
    if (value === undefined || value === null || value === '') {
      if (spec.required) details.push(fieldRequired(name))
      continue
    }
    switch (spec.type) {
      case 'string':
        if (typeof value !== 'string') details.push(badFormat(name, 'a string'))
        break
      case 'boolean':
        if (value === true || value === 'true') out[name] = true
        else if (value === false || value === 'false') out[name] = false
        else details.push(badFormat(name, 'a boolean'))
        break
      case 'object':
        if (typeof value !== 'object' || Array.isArray(value)) details.push(badFormat(name, 'an object'))
        break
      case 'deviceRef': {
        const id = typeof value === 'object' ? (value as { id?: unknown }).id : undefined
        if (id === undefined || id === null || id === '') details.push(fieldRequired(`${name}.id`))
        else if (typeof id !== 'string') details.push(badFormat(`${name}.id`, 'a string'))
        break
      }
    }
  }
  if (strict) {
    for (const name of Object.keys(input)) {
      if (!Object.hasOwn(model, name)) {
        details.push({
          code: 'UNRECOGNIZED_FIELD_NAME',
          message: `'${name}' is not a field of '${actionId}'.`,
          target: name,
        })
      }
    }
  }
  if (details.length > 0) throw validationError(details)
  return out
}

function fieldRequired(target: string): PfErrorDetail {
  return { code: 'FIELD_REQUIRED', message: `The field '${target}' is required.`, target }
}

function badFormat(target: string, expected: string): PfErrorDetail {
  return { code: 'INVALID_FIELD_FORMAT', message: `The field '${target}' must be ${expected}.`, target }
}

/** Where the request names its action: the vendor media type, `?action=`, or both. */
export interface ActionSelector {
  readonly contentType: string | null
  readonly queryAction: string | null
}

const VENDOR_TYPE = /^application\/vnd\.pingidentity\.([A-Za-z0-9_.-]+)\+json$/i

/**
 * Picks the action id of a flow POST (contract §2.1): `application/vnd.pingidentity.{id}+json`, or
 * `application/json` with `?action={id}`. Both present and different is refused (EMULATOR DEFAULT).
 */
export function selectAction({ contentType, queryAction }: ActionSelector): string {
  const mediaType = (contentType ?? '').split(';')[0]?.trim() ?? ''
  const vendor = VENDOR_TYPE.exec(mediaType)?.[1]
  if (vendor !== undefined) {
    if (queryAction !== null && queryAction !== vendor) {
      throw invalidRequest(
        `The action in the Content-Type ('${vendor}') and in ?action= ('${queryAction}') disagree.`,
      )
    }
    return vendor
  }
  if (mediaType.toLowerCase() === 'application/json' && queryAction) return queryAction
  throw invalidRequest('The Content-Type of the request is not supported.', [
    {
      code: 'INVALID_CONTENT_TYPE',
      message:
        'Use Content-Type application/vnd.pingidentity.{actionId}+json, or application/json with ?action={actionId}.',
    },
  ])
}
