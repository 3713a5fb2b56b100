import { describe, expectTypeOf, it } from 'vitest'
import type {
  AuthorizationResult,
  isPingOneAction,
  PINGONE_ACTIONS,
  PINGONE_STATUSES,
  PingOneAction,
  PingOneActions,
  PingOneAgreement,
  PingOneAuthorizeResponse,
  PingOneClient,
  PingOneCredentialRequestOptions,
  PingOneDevice,
  PingOneDeviceAuthorization,
  PingOneFlow,
  PingOneFlowUser,
  PingOnePasswordPolicy,
  PingOneProfileAttribute,
  PingOneSocialProvider,
  PingOneState,
  PingOneStateOf,
  PingOneStatus,
} from '../src/index.js'
import type { createLoginHintToken } from '../src/jwt/index.js'
import type { toAssertion, toCredentialRequestOptions } from '../src/webauthn/index.js'

declare const flow: PingOneFlow

describe('PingOneState', () => {
  it('has one member per status, and the runtime lists match the types', () => {
    expectTypeOf<PingOneState['status']>().toEqualTypeOf<PingOneStatus>()
    expectTypeOf<(typeof PINGONE_STATUSES)[number]>().toEqualTypeOf<PingOneState['status']>()
    expectTypeOf<(typeof PINGONE_ACTIONS)[number]>().toEqualTypeOf<PingOneAction>()
  })

  it('narrows on status', () => {
    const state = flow.state
    switch (state.status) {
      case 'OTP_REQUIRED':
        expectTypeOf(state.selectedDevice).toEqualTypeOf<{ readonly id: string } | undefined>()
        break
      case 'DEVICE_SELECTION_REQUIRED':
        expectTypeOf(state._embedded.devices).toEqualTypeOf<readonly PingOneDevice[]>()
        break
      case 'ASSERTION_REQUIRED':
        expectTypeOf(state.publicKeyCredentialRequestOptions).toEqualTypeOf<
          string | PingOneCredentialRequestOptions
        >()
        break
      case 'COMPLETED':
        expectTypeOf(state.authorizeResponse).toEqualTypeOf<PingOneAuthorizeResponse | undefined>()
        break
      case 'FAILED':
        expectTypeOf(state.error?.code).toEqualTypeOf<string | undefined>()
        break
      case 'USERNAME_PASSWORD_REQUIRED':
      case 'SIGN_ON_REQUIRED':
        expectTypeOf(state._embedded?.socialProviders).toEqualTypeOf<
          readonly PingOneSocialProvider[] | undefined
        >()
        expectTypeOf(state._embedded?.passwordPolicy).toEqualTypeOf<PingOnePasswordPolicy | undefined>()
        break
      case 'PASSWORD_REQUIRED':
        expectTypeOf(state._embedded?.user?.username).toEqualTypeOf<string | undefined>()
        break
      case 'MUST_CHANGE_PASSWORD':
      case 'PASSWORD_EXPIRED':
      case 'RECOVERY_CODE_REQUIRED':
        expectTypeOf(state._embedded?.passwordPolicy).toEqualTypeOf<PingOnePasswordPolicy | undefined>()
        break
      case 'AGREEMENT_CONSENT_REQUIRED':
        expectTypeOf(state._embedded?.agreement).toEqualTypeOf<PingOneAgreement | undefined>()
        break
      case 'PROFILE_DATA_REQUIRED':
        expectTypeOf(state._embedded?.profileData?.attributes).toEqualTypeOf<
          readonly PingOneProfileAttribute[] | undefined
        >()
        break
      case 'EXTERNAL_AUTHENTICATION_REQUIRED':
      case 'ACCOUNT_LINKING_REQUIRED':
        expectTypeOf(state._embedded?.identityProvider?._links?.authenticate?.href).toEqualTypeOf<
          string | undefined
        >()
        break
      case 'ACCOUNT_CONFIRMATION_REQUIRED':
        expectTypeOf(state._embedded?.user).toEqualTypeOf<PingOneFlowUser | undefined>()
        break
      case 'DAG_CONSENT_REQUIRED':
        expectTypeOf(state._embedded?.deviceAuthorization).toEqualTypeOf<
          PingOneDeviceAuthorization | undefined
        >()
        break
    }
    // @ts-expect-error only ASSERTION_REQUIRED carries request options
    state.publicKeyCredentialRequestOptions
    expectTypeOf<PingOneStateOf<'OTP_REQUIRED'>['status']>().toEqualTypeOf<'OTP_REQUIRED'>()
  })
})

describe('flow.submit', () => {
  it('types each action body', () => {
    expectTypeOf(flow.submit('otp.check', { otp: '123456' })).toEqualTypeOf<Promise<PingOneState>>()
    flow.submit('device.select', { device: { id: 'd' }, compatibility: 'FULL' })
    flow.submit('assertion.check', { origin: 'https://app', assertion: '{}' })
    flow.submit('usernamePassword.check', { username: 'u', password: 'p' })
    flow.submit('user.consent', { accept: true })
    flow.submit('cancel.push.authentication')
    flow.submit('cancel.push.authentication', { reason: 'CHANGE_DEVICE' })
    flow.submit('session.reset')
    flow.submit('password.sendRecoveryCode')
    flow.submit('user.sendVerificationCode')
    flow.submit('user.lookup', { username: 'u' })
    flow.submit('password.reset', { currentPassword: 'a', newPassword: 'b' })
    flow.submit('user.register', { username: 'u', email: 'e', password: 'p' })
    flow.submit('user.verify', { verificationCode: 'ABCD1234' })
    flow.submit('user.update', { mobilePhone: '+1' })
    flow.submit('user.confirm')
    flow.submit('user.confirm', { username: 'u' })
    flow.submit('kerberos.lookup')
    flow.submit('deviceAuthGrant.userCode.verify', { userCode: 'BCDF-GHJK' })
    flow.submit('deviceAuthGrant.consent', { accept: false })
    flow.submit('user.acceptInvite', { inviteCode: 'c', password: 'p', accept: true })
    // @ts-expect-error profile values are strings
    flow.submit('user.update', { mobilePhone: 1 })
    // @ts-expect-error user.confirm corrects username and email only
    flow.submit('user.confirm', { password: 'p' })
    // @ts-expect-error user.consent needs accept
    flow.submit('user.consent', {})
    // @ts-expect-error the verification code is named verificationCode
    flow.submit('user.verify', { code: 'x' })
    // @ts-expect-error otp.check needs a body
    flow.submit('otp.check')
    // @ts-expect-error otp is a string
    flow.submit('otp.check', { otp: 123456 })
    // @ts-expect-error device.select takes { device: { id } }
    flow.submit('device.select', { deviceId: 'd' })
    // @ts-expect-error assertion.check needs an origin
    flow.submit('assertion.check', { assertion: '{}' })
    // @ts-expect-error not a PingOne action
    flow.submit('checkUsernamePassword', { username: 'u', password: 'p' })
    expectTypeOf<PingOneActions['password.recover']>().toEqualTypeOf<{
      readonly recoveryCode: string
      readonly newPassword: string
    }>()
  })

  it('submit can be given the state it answers', () => {
    flow.submit('otp.check', { otp: '1' }, { state: flow.state, signal: AbortSignal.timeout(1000) })
  })

  it('complete resolves tokens and claims', () => {
    expectTypeOf(flow.complete()).toEqualTypeOf<Promise<AuthorizationResult>>()
  })
})

describe('links and device verification', () => {
  it('isPingOneAction is a string predicate; startDeviceVerification returns a PingOne flow', () => {
    expectTypeOf<typeof isPingOneAction>().toEqualTypeOf<(name: string) => boolean>()
    expectTypeOf<PingOneClient['startDeviceVerification']>().returns.toEqualTypeOf<Promise<PingOneFlow>>()
  })
})

describe('entries', () => {
  it('JWT builders and WebAuthn helpers', () => {
    expectTypeOf<typeof createLoginHintToken>().returns.toEqualTypeOf<Promise<string>>()
    expectTypeOf<
      typeof toCredentialRequestOptions
    >().returns.toEqualTypeOf<PublicKeyCredentialRequestOptions>()
    expectTypeOf<typeof toAssertion>().returns.toEqualTypeOf<string>()
  })
})
