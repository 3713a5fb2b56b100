import { describe, expectTypeOf, it } from 'vitest'
import type {
  AuthorizationResult,
  PINGONE_ACTIONS,
  PINGONE_STATUSES,
  PingOneAction,
  PingOneActions,
  PingOneAuthorizeResponse,
  PingOneCredentialRequestOptions,
  PingOneDevice,
  PingOneFlow,
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

describe('entries', () => {
  it('JWT builders and WebAuthn helpers', () => {
    expectTypeOf<typeof createLoginHintToken>().returns.toEqualTypeOf<Promise<string>>()
    expectTypeOf<
      typeof toCredentialRequestOptions
    >().returns.toEqualTypeOf<PublicKeyCredentialRequestOptions>()
    expectTypeOf<typeof toAssertion>().returns.toEqualTypeOf<string>()
  })
})
