import type { Emulator, OutboxMessage } from '@redirectless/emulator'
import type { StepState } from './devices.js'

/**
 * The newest message the emulator "sent" for this PingOne flow (to its selected device when it has
 * one): the SMS or e-mail with the code, or what the authenticator app shows for TOTP.
 */
export function codeFor(emulator: Emulator, state: StepState | undefined): OutboxMessage | undefined {
  const device = state?.selectedDevice?.id
  return emulator.outbox
    .all()
    .findLast((m) => m.flowId === state?.id && m.otp !== undefined && (!device || m.deviceId === device))
}

/** The newest push text sent for this PingOne flow. */
export function pushFor(emulator: Emulator, state: StepState | undefined): OutboxMessage | undefined {
  return emulator.outbox.all().findLast((m) => m.flowId === state?.id && m.channel === 'PUSH')
}

/** The PingOne username the emulator's push controller knows the user by. */
export function pingOneUsername(state: StepState | undefined, fallback: string): string {
  return state?._embedded?.user?.username ?? fallback
}

/**
 * `assertion.check`'s body from the emulator's software security key, for an origin inside the
 * emulator's relying party (`https://localhost` by default), as a browser on that site would send.
 */
export function assertionFor(emulator: Emulator, state: StepState | undefined) {
  const origin = `https://${emulator.config.pingOne.fidoRpId}`
  const assertion = emulator.fido.getAssertion(state?.publicKeyCredentialRequestOptions ?? '', origin)
  return { origin, assertion, compatibility: 'FULL' as const }
}
