import type { AuthorizationResult } from '@redirectless/core'
import type { Emulator } from '@redirectless/emulator'
import type { PingFederateFlow } from '@redirectless/pingfederate'
import type { PingOneFlow } from '@redirectless/pingone'
import { otpFor, PASSWORD } from './clients.js'

// A login has a handful of steps; more than this means the test is going round in circles.
const MAX_STEPS = 8
// Carrying a login on is not what a fault cell measures, so each call gets far more than the client's
// own (deliberately tiny) timeout: the emulator may be generating its signing key just then.
const CALL = { timeout: 10_000 } as const

/** Answers a PingFederate flow as `username` would, from whatever state it is in, up to the tokens. */
export async function finishPingFederate(
  flow: PingFederateFlow,
  username: string,
  password = PASSWORD,
): Promise<AuthorizationResult> {
  for (let step = 0; step < MAX_STEPS; step++) {
    const state = flow.state
    switch (state.status) {
      case 'USERNAME_PASSWORD_REQUIRED':
        await flow.submit('checkUsernamePassword', { username, password }, CALL)
        break
      case 'PUSH_CONFIRMATION_WAITING':
        await flow.poll({ deadline: 10_000, requestTimeout: CALL.timeout })
        break
      case 'MFA_COMPLETED':
        await flow.submit('continueAuthentication', undefined, CALL)
        break
      case 'COMPLETED':
        return flow.complete(CALL)
      default:
        throw new Error(`no answer for PingFederate ${state.status}`)
    }
  }
  throw new Error(`the PingFederate flow did not finish in ${MAX_STEPS} steps`)
}

/** Answers a PingOne MFA-only flow as `username` would (OTP from the outbox, push approved). */
export async function finishPingOne(
  flow: PingOneFlow,
  emu: Emulator,
  username: string,
): Promise<AuthorizationResult> {
  for (let step = 0; step < MAX_STEPS; step++) {
    const state = flow.state
    switch (state.status) {
      case 'OTP_REQUIRED':
        await flow.submit('otp.check', { otp: otpFor(emu, username, state.id) }, CALL)
        break
      case 'DEVICE_SELECTION_REQUIRED': {
        const device = state._embedded.devices.find((d) => d.type !== 'FIDO2')
        if (!device) throw new Error(`${username} has no device to select`)
        await flow.submit('device.select', { device: { id: device.id } }, CALL)
        break
      }
      case 'PUSH_CONFIRMATION_REQUIRED':
        emu.push.approve(username)
        await flow.poll({ deadline: 10_000, requestTimeout: CALL.timeout })
        break
      case 'COMPLETED':
        return flow.complete(CALL)
      default:
        throw new Error(`no answer for PingOne ${state.status}`)
    }
  }
  throw new Error(`the PingOne flow did not finish in ${MAX_STEPS} steps`)
}
