import { createHmac } from 'node:crypto'
import { digits } from '../shared/ids.js'
import type { P1DeviceConfig } from './config.js'
import type { P1Context } from './context.js'
import { amrOf } from './devices.js'
import { invalidData } from './errors.js'
import type { Flow } from './flow.js'
import { assertNotLocked, selectedDevice } from './mfa.js'
import type { OutboxChannel } from './outbox.js'
import { advance, fail } from './progress.js'
import { DEFAULT_TEMPLATE, renderText, templateTexts } from './templates.js'
import { constantTimeEqual } from './users.js'

const TOTP_STEP_SECONDS = 30

/** Sends a fresh OTP to an SMS, e-mail or voice device through the outbox, rendered with the flow's template. */
export function sendOtp(ctx: P1Context, flow: Flow, device: P1DeviceConfig): void {
  const type = device.type as 'SMS' | 'EMAIL' | 'VOICE'
  const code = digits(ctx.config.otpLength[type])
  flow.otp = {
    kind: 'sent',
    deviceId: device.id,
    code,
    expiresAt: ctx.clock.now() + ctx.config.otpLifetimeSeconds * 1000,
  }
  const template = flow.request.piTemplate
  const texts = templateTexts(
    ctx.config.notificationTemplates,
    template?.name ?? DEFAULT_TEMPLATE,
    template?.variant,
  )
  const variables = { ...template?.variables, otp: code, 'user.username': flow.user?.username }
  const to = device.phone ?? device.email
  ctx.outbox.send({
    username: flow.user?.username ?? '',
    channel: type as OutboxChannel,
    deviceId: device.id,
    otp: code,
    text: texts ? renderText(texts.otp, variables) : code,
    flowId: flow.id,
    purpose: 'otp',
    ...(to === undefined ? {} : { to }),
    ...(template ? { template } : {}),
  })
}

/**
 * Nothing is sent for an authenticator app; the outbox records the code it shows now, so tests and
 * demos read every OTP the same way. `otp.check` verifies real RFC 6238 codes (±1 step).
 */
export function showTotp(ctx: P1Context, flow: Flow, device: P1DeviceConfig): void {
  flow.otp = { kind: 'totp', deviceId: device.id }
  const code = totp(device.secret ?? '', ctx.clock.now(), ctx.config.otpLength.TOTP)
  ctx.outbox.send({
    username: flow.user?.username ?? '',
    channel: 'TOTP',
    deviceId: device.id,
    otp: code,
    text: `Authenticator app code: ${code}`,
    flowId: flow.id,
    purpose: 'otp',
  })
}

/**
 * `otp.check {otp}`. Wrong: 400 `INVALID_DATA` / `INVALID_OTP` (target `otp`,
 * `innerError.remainingAttempts`), status unchanged, the device's `userRetries` + 1; the last allowed
 * failure applies `otpLockout` (contract §6.2).
 */
export function otpCheckAction(ctx: P1Context, flow: Flow, body: Readonly<Record<string, unknown>>): void {
  const otp = body.otp
  if (typeof otp !== 'string' || otp === '')
    throw invalidData('otp', 'A one-time passcode is required.', 'REQUIRED_VALUE')
  const device = selectedDevice(flow)
  const pending = flow.otp
  if (!device || !pending) throw invalidData('otp', 'No one-time passcode is pending.', 'INVALID_OTP')
  assertNotLocked(ctx, flow, device.id)

  if (otpMatches(ctx, pending, device, otp)) {
    flow.otp = undefined
    flow.mfaSatisfied = true
    flow.amr = [...new Set([...flow.amr, amrOf(device.type), 'mfa'])]
    advance(ctx, flow)
    return
  }

  const retries = (flow.retries.get(device.id) ?? 0) + 1
  flow.retries.set(device.id, retries)
  const remainingAttempts = Math.max(0, ctx.config.otpFailureCount - retries)
  const innerError: Record<string, unknown> = { remainingAttempts }
  if (remainingAttempts === 0) {
    if (ctx.config.otpLockout === 'fail-flow') {
      fail(flow, { code: 'OTP_LOCKED', message: 'Too many wrong one-time passcodes.' })
    } else {
      flow.lockedUntil.set(device.id, ctx.clock.now() + ctx.config.otpCoolDownSeconds * 1000)
      innerError.coolDownSeconds = ctx.config.otpCoolDownSeconds
    }
  }
  throw invalidData('otp', 'The one-time passcode is not valid.', 'INVALID_OTP', { innerError })
}

function otpMatches(
  ctx: P1Context,
  pending: NonNullable<Flow['otp']>,
  device: P1DeviceConfig,
  otp: string,
): boolean {
  if (pending.kind === 'sent')
    return ctx.clock.now() < pending.expiresAt && constantTimeEqual(pending.code, otp)
  const now = ctx.clock.now()
  return [-1, 0, 1].some((step) =>
    constantTimeEqual(totp(device.secret ?? '', now + step * TOTP_STEP_SECONDS * 1000, otp.length), otp),
  )
}

/** RFC 6238 TOTP (HMAC-SHA1, 30 s steps) of a base32 secret at emulator time `ms`. */
export function totp(secretBase32: string, ms: number, length = 6): string {
  const counter = Buffer.alloc(8)
  counter.writeBigUInt64BE(BigInt(Math.floor(ms / 1000 / TOTP_STEP_SECONDS)))
  const mac = createHmac('sha1', base32Decode(secretBase32)).update(counter).digest()
  const offset = (mac[mac.length - 1] ?? 0) & 0x0f
  const binary = mac.readUInt32BE(offset) & 0x7fffffff
  return String(binary % 10 ** length).padStart(length, '0')
}

function base32Decode(text: string): Buffer {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'
  let bits = 0
  let value = 0
  const out: number[] = []
  for (const char of text.toUpperCase().replace(/[=\s]/g, '')) {
    const index = alphabet.indexOf(char)
    if (index < 0) continue
    value = (value << 5) | index
    bits += 5
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff)
      bits -= 8
    }
  }
  return Buffer.from(out)
}
