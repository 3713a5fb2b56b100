import { describe, expectTypeOf, it } from 'vitest'
import type {
  CheckUsernamePasswordBody,
  GenericState,
  MfaDevice,
  PingFederateActions,
  PingFederateClientOptions,
  PingFederateFlow,
  PingFederateState,
  PingFederateStateOf,
  PingFederateStatus,
  RegistrationField,
} from '../src/index.js'

declare const flow: PingFederateFlow

describe('states', () => {
  it('narrow on status', () => {
    const state = flow.state
    expectTypeOf(state.status).toEqualTypeOf<PingFederateStatus>()
    if (state.status === 'USERNAME_PASSWORD_REQUIRED') {
      expectTypeOf(state.showCaptcha).toEqualTypeOf<boolean | undefined>()
      expectTypeOf(state.showRememberMyUsername).toEqualTypeOf<boolean>()
      expectTypeOf(state.username).toEqualTypeOf<string | undefined>()
      // @ts-expect-error: a field of another state
      void state.devices
    }
    if (state.status === 'PUSH_CONFIRMATION_WAITING') {
      expectTypeOf(state.devices).toEqualTypeOf<readonly MfaDevice[] | undefined>()
      expectTypeOf(state.selectedDeviceRef).toEqualTypeOf<{ readonly id: string } | undefined>()
    }
    if (state.status === 'MUST_CHANGE_PASSWORD') expectTypeOf(state.username).toBeString()
    if (state.status === 'RESUME') expectTypeOf(state.resumeUrl).toBeString()
    if (state.status === 'FAILED') expectTypeOf(state.code).toEqualTypeOf<string | undefined>()
    if (state.status === 'MFA_FAILED') expectTypeOf(state.userMessage).toEqualTypeOf<string | undefined>()
    if (state.status === 'IDENTIFIER_REQUIRED') {
      expectTypeOf(state.previouslySubmittedIdentifiers).toEqualTypeOf<readonly string[]>()
    }
    if (state.status === 'ASSERTION_REQUIRED') {
      expectTypeOf(state.publicKeyCredentialRequestOptions.challenge).toEqualTypeOf<readonly number[]>()
    }
    if (state.status === 'SECURID_CREDENTIAL_REQUIRED') {
      expectTypeOf(state).toEqualTypeOf<GenericState<'SECURID_CREDENTIAL_REQUIRED'>>()
      expectTypeOf(state.remainingTries).toBeUnknown()
    }
  })

  it('every status has a state, and only statuses of the catalogue', () => {
    expectTypeOf<PingFederateState['status']>().toEqualTypeOf<PingFederateStatus>()
    expectTypeOf<PingFederateStateOf<'OTP_VERIFIED'>['status']>().toEqualTypeOf<'OTP_VERIFIED'>()
    expectTypeOf<PingFederateStateOf<'MULTI_FACTOR_AUTHENTICATION_STATE'>>().toEqualTypeOf<
      GenericState<'MULTI_FACTOR_AUTHENTICATION_STATE'>
    >()
    // @ts-expect-error: not a PingFederate status (PingOne spells its statuses differently)
    if (flow.state.status === 'OTP_REQUIRED_PINGONE') return
  })

  it('links name the documented actions', () => {
    const state = flow.state
    if (state.status === 'OTP_REQUIRED')
      expectTypeOf(state._links?.checkOtp).toEqualTypeOf<{ readonly href: string } | undefined>()
  })
})

describe('actions', () => {
  it('a body is required where the action has required fields', async () => {
    await flow.submit('checkUsernamePassword', { username: 'joe', password: 'p' })
    await flow.submit('checkOtp', { otp: '123456' })
    await flow.submit('selectDevice', { deviceRef: { id: 'd1' } })
    // @ts-expect-error: body required
    await flow.submit('checkUsernamePassword')
    // @ts-expect-error: body required
    await flow.submit('checkOtp')
  })

  it('a body is optional (or absent) for bodiless and empty-model actions', async () => {
    await flow.submit('cancelAuthentication')
    await flow.submit('continueAuthentication')
    await flow.submit('poll')
    await flow.submit('poll', {})
    await flow.submit('authenticate', { mobilePayload: 'x' })
    await flow.submit('cancel', undefined, { signal: AbortSignal.timeout(1000), state: flow.state })
    expectTypeOf<PingFederateActions['cancelAuthentication']>().toEqualTypeOf<undefined>()
  })

  it('a wrong body is a type error', async () => {
    // @ts-expect-error: password missing
    await flow.submit('checkUsernamePassword', { username: 'joe' })
    // @ts-expect-error: misspelt field
    await flow.submit('checkUsernamePassword', { username: 'joe', passwd: 'p' })
    // @ts-expect-error: otp is a string
    await flow.submit('checkOtp', { otp: 123456 })
    // @ts-expect-error: a bodiless action takes no body
    await flow.submit('cancelAuthentication', { reason: 'x' })
    // @ts-expect-error: not an action id (PingOne style)
    await flow.submit('usernamePassword.check', {})
    expectTypeOf<PingFederateActions['checkUsernamePassword']>().toEqualTypeOf<CheckUsernamePasswordBody>()
  })

  it('complete() resolves tokens and claims', async () => {
    const { tokens, claims } = await flow.complete()
    expectTypeOf(tokens.access_token).toBeString()
    expectTypeOf(claims?.sub).toEqualTypeOf<string | undefined>()
  })
})

it('CONTINUE_ACTIONS drives the "go on" statuses', async () => {
  const { CONTINUE_ACTIONS } = await import('../src/index.js')
  const next = CONTINUE_ACTIONS[flow.state.status]
  if (next) await flow.submit(next)
  expectTypeOf(next).toEqualTypeOf<'continueAuthentication' | 'continue' | 'authenticate' | undefined>()
})

describe('the policies of issue 12 (MFA adapters, password management, registration, external, RESUME)', () => {
  it('the MFA adapter states carry their models', () => {
    const state = flow.state
    if (state.status === 'AUTHENTICATION_REQUIRED')
      expectTypeOf(state.user?.username).toEqualTypeOf<string | undefined>()
    if (state.status === 'DEVICE_SELECTION_REQUIRED') {
      expectTypeOf(state.devices).toEqualTypeOf<readonly MfaDevice[]>()
      expectTypeOf(state.manageDevicesAllowed).toEqualTypeOf<boolean | undefined>()
      expectTypeOf(state._links?.manageDevices).toEqualTypeOf<{ readonly href: string } | undefined>()
    }
    if (state.status === 'OTP_REQUIRED') expectTypeOf(state.otpLength).toEqualTypeOf<number | undefined>()
    if (state.status === 'MFA_SETUP_REQUIRED')
      expectTypeOf(state.allowSkipMfa).toEqualTypeOf<boolean | undefined>()
    if (state.status === 'EMAIL_ACTIVATION_REQUIRED') expectTypeOf(state.email).toBeString()
    if (state.status === 'DEVICE_PAIRING_METHOD_REQUIRED')
      expectTypeOf(state.devicePairingMethods[0]?.deviceType).toEqualTypeOf<string | undefined>()
  })

  it('password management and recovery states', () => {
    const state = flow.state
    if (state.status === 'NEW_PASSWORD_REQUIRED') expectTypeOf(state.existingPasswordRequired).toBeBoolean()
    if (state.status === 'NEW_PASSWORD_RECOMMENDED') expectTypeOf(state.daysToExpire).toBeNumber()
    if (state.status === 'CURRENT_CREDENTIALS_REQUIRED') expectTypeOf(state.username).toBeString()
    if (state.status === 'SUCCESSFUL_ACCOUNT_UNLOCK')
      expectTypeOf(state._links?.continueAccountRecovery).toEqualTypeOf<
        { readonly href: string } | undefined
      >()
  })

  it('registration and external authentication', () => {
    const state = flow.state
    if (state.status === 'REGISTRATION_REQUIRED') {
      expectTypeOf(state.fields).toEqualTypeOf<readonly RegistrationField[]>()
      expectTypeOf(state.fields[0]?.required).toEqualTypeOf<boolean | undefined>()
    }
    if (state.status === 'EXTERNAL_AUTHENTICATION_REQUIRED') {
      expectTypeOf(state.authenticationUrl).toBeString()
      // REDIRECT is the value a client must refuse; others (a pop-up) pass through as strings.
      expectTypeOf<'REDIRECT'>().toExtend<typeof state.presentationMode>()
    }
    if (state.status === 'EMAIL_VERIFICATION_OTP_REQUIRED')
      expectTypeOf(state.skipOtp).toEqualTypeOf<boolean | undefined>()
    if (state.status === 'ACCOUNT_LINKING_FAILED')
      expectTypeOf(state.userMessage).toEqualTypeOf<string | undefined>()
  })

  it('their actions take their bodies', async () => {
    await flow.submit('initiatePasswordChange')
    await flow.submit('checkCurrentCredentials', { username: 'ann', password: 'p' })
    await flow.submit('checkNewPassword', { username: 'ann', newPassword: 'n' })
    await flow.submit('initiateAccountRecovery')
    await flow.submit('initiateAccountRecovery', { usernameHint: 'ann' })
    await flow.submit('checkAccountRecoveryUsername', { username: 'ann' })
    await flow.submit('checkRecoveryCode', { recoveryCode: '12345678' })
    await flow.submit('checkPasswordReset', { newPassword: 'n' })
    await flow.submit('continueAccountRecovery')
    await flow.submit('checkUsernameRecoveryEmail', { email: 'a@example.com' })
    await flow.submit('registerUser', {
      password: 'p',
      fieldValues: { username: 'neo', interests: ['a', 'b'] },
    })
    await flow.submit('useAlternativeAuthenticationSource', { authenticationSource: 'Social' })
    await flow.submit('resendOtp')
    await flow.submit('manageDevices')
    await flow.submit('setDefaultDevice', { deviceRef: { id: 'd1' } })
    await flow.submit('removeDevice', { deviceRef: { id: 'd1' } })
    await flow.submit('updateDeviceNickname', { id: 'd1', nickname: 'Work' })
    await flow.submit('resumeAuthentication')
    await flow.submit('setupMfa')
    await flow.submit('selectDevicePairingMethod', { devicePairingMethod: { deviceType: 'EMAIL' } })
    await flow.submit('submitEmailTarget', { email: 'a@example.com' })
    await flow.submit('activateEmailDevice', { otp: '123456' })
    await flow.submit('checkAssertion', { assertion: '{}', origin: 'https://app', compatibility: 'FULL' })
    // @ts-expect-error: fieldValues is required
    await flow.submit('registerUser', { password: 'p' })
    // @ts-expect-error: compatibility is one of FULL, SECURITY_KEY_ONLY, NONE
    await flow.submit('checkAssertion', { assertion: '{}', origin: 'https://app', compatibility: 'SOME' })
  })

  it('followResume and the client-assertion options type-check', () => {
    expectTypeOf<PingFederateClientOptions['followResume']>().toEqualTypeOf<boolean | undefined>()
    expectTypeOf<PingFederateClientOptions['tokenEndpointAuthMethod']>().toEqualTypeOf<
      | 'none'
      | 'client_secret_basic'
      | 'client_secret_post'
      | 'client_secret_jwt'
      | 'private_key_jwt'
      | undefined
    >()
    expectTypeOf<{ key: JsonWebKey; kid: string }>().toExtend<
      NonNullable<PingFederateClientOptions['clientPrivateKey']>
    >()
  })
})
