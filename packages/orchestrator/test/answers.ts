import type { Emulator } from '@redirectless/emulator'
import type { HybridLoginAnswer, HybridLoginStep } from '../src/index.js'
import { PASSWORD } from './support.js'

export interface Choices {
  readonly password?: string
  readonly device?: 'SMS' | 'EMAIL' | 'TOTP' | 'MOBILE' | 'FIDO2'
  /** An OTP to send instead of the one in the outbox. */
  readonly otp?: string
}

type Devices = { _embedded?: { devices?: { id: string; type: string }[] } }

/** Answers every step the way the user `username` would, from the emulator's outbox and test authenticator. */
export function answerAs(emu: Emulator, username: string, choices: Choices = {}) {
  const seen: string[] = []
  const answer = (step: HybridLoginStep): HybridLoginAnswer => {
    seen.push(`${step.stage}:${step.status}${step.error ? `!${step.error.code}` : ''}`)
    const state = step.state as unknown as Record<string, unknown> & Devices
    switch (step.status) {
      case 'USERNAME_PASSWORD_REQUIRED':
        return { action: 'checkUsernamePassword', body: { username, password: choices.password ?? PASSWORD } }
      case 'DEVICE_SELECTION_REQUIRED':
      case 'PUSH_CONFIRMATION_TIMED_OUT': {
        const device = state._embedded?.devices?.find((d) => d.type === (choices.device ?? 'SMS'))
        if (!device) throw new Error(`${username} has no ${choices.device} device`)
        return { action: 'device.select', body: { device: { id: device.id } } }
      }
      case 'OTP_REQUIRED':
        return { action: 'otp.check', body: { otp: choices.otp ?? emu.outbox.last(username)?.otp ?? '' } }
      case 'ASSERTION_REQUIRED': {
        const origin = 'https://localhost'
        const assertion = emu.fido.getAssertion(
          state.publicKeyCredentialRequestOptions as Record<string, unknown>,
          origin,
        )
        return { action: 'assertion.check', body: { origin, assertion, compatibility: 'FULL' } }
      }
      default:
        throw new Error(`no answer for ${step.stage} ${step.status}`)
    }
  }
  return Object.assign(answer, { seen })
}
