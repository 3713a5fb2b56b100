import { describe, expectTypeOf, it } from 'vitest'
import type {
  CheckUsernamePasswordBody,
  GenericState,
  MfaDevice,
  PingFederateActions,
  PingFederateFlow,
  PingFederateState,
  PingFederateStateOf,
  PingFederateStatus,
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
