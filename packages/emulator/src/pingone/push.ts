import type { P1DeviceConfig } from './config.js'
import type { P1Context } from './context.js'
import { amrOf } from './devices.js'
import { invalidData } from './errors.js'
import type { Flow } from './flow.js'
import { advance, clearPending, fail } from './progress.js'
import { DEFAULT_TEMPLATE, renderText, templateTexts } from './templates.js'

/** Approve, deny or time out a pending push, as the user's phone would. */
export interface PushController {
  /** Approves the pending push of this user; false when there is none. */
  approve(username: string): boolean
  /** Denies the pending push of this user (outcome per `pushDeniedOutcome`); false when there is none. */
  deny(username: string): boolean
  /** Lets the pending push of this user time out now; false when there is none. */
  timeout(username: string): boolean
  /** Usernames with a push waiting. */
  pending(): readonly string[]
}

/** Sends the push (its text and `pi.clientContext` land in the outbox) and starts its timer on the emulator clock. */
export function startPush(ctx: P1Context, flow: Flow, device: P1DeviceConfig): void {
  const now = ctx.clock.now()
  flow.push = { deviceId: device.id, startedAt: now, deadline: now + ctx.config.pushTimeoutSeconds * 1000 }
  const template = flow.request.piTemplate
  const texts = templateTexts(
    ctx.config.notificationTemplates,
    template?.name ?? DEFAULT_TEMPLATE,
    template?.variant,
  )
  const clientContext = flow.request.piClientContext
  ctx.outbox.send({
    username: flow.user?.username ?? '',
    channel: 'PUSH',
    deviceId: device.id,
    text: renderText(texts?.push ?? '', { ...template?.variables, 'user.username': flow.user?.username }),
    flowId: flow.id,
    purpose: 'push',
    ...(template ? { template } : {}),
    ...(clientContext ? { clientContext } : {}),
  })
}

/** A push past its deadline becomes `PUSH_CONFIRMATION_TIMED_OUT`; checked whenever the flow is read. */
export function refreshPush(ctx: P1Context, flow: Flow): void {
  if (flow.status === 'PUSH_CONFIRMATION_REQUIRED' && flow.push && ctx.clock.now() >= flow.push.deadline) {
    timeOut(flow)
  }
}

/** `cancel.push.authentication {reason: "CHANGE_DEVICE"}` (outcome per `pushCancelOutcome`). */
export function cancelPushAction(ctx: P1Context, flow: Flow, body: Readonly<Record<string, unknown>>): void {
  if (body.reason === undefined) throw invalidData('reason', 'A reason is required.', 'REQUIRED_VALUE')
  if (body.reason !== 'CHANGE_DEVICE') throw invalidData('reason', 'The reason must be CHANGE_DEVICE.')
  if (ctx.config.pushCancelOutcome === 'PUSH_CONFIRMATION_TIMED_OUT') {
    timeOut(flow)
    return
  }
  clearPending(flow)
  flow.selectedDeviceId = undefined
  flow.status = 'DEVICE_SELECTION_REQUIRED'
}

/** The push test hook: settles the newest waiting push of a user, as the phone would. */
export function createPushController(ctx: P1Context): PushController {
  const waiting = (): Flow[] => {
    const now = ctx.clock.now()
    const out: Flow[] = []
    for (const flow of ctx.store.flows.values()) {
      if (now >= flow.expiresAt) continue
      refreshPush(ctx, flow)
      if (flow.status === 'PUSH_CONFIRMATION_REQUIRED' && flow.push) out.push(flow)
    }
    return out.sort((a, b) => (b.push?.startedAt ?? 0) - (a.push?.startedAt ?? 0))
  }
  const latest = (username: string) => waiting().find((f) => f.user?.username === username)
  const settle = (username: string, outcome: (flow: Flow) => void): boolean => {
    const flow = latest(username)
    if (!flow) return false
    outcome(flow)
    return true
  }

  return {
    approve: (username) =>
      settle(username, (flow) => {
        flow.push = undefined
        flow.mfaSatisfied = true
        flow.amr = [...new Set([...flow.amr, amrOf('MOBILE'), 'mfa'])]
        advance(ctx, flow)
      }),
    deny: (username) =>
      settle(username, (flow) => {
        switch (ctx.config.pushDeniedOutcome) {
          case 'FAILED':
            fail(flow, { code: 'PUSH_DENIED', message: 'The user denied the push notification.' })
            return
          case 'PUSH_CONFIRMATION_TIMED_OUT':
            timeOut(flow)
            return
          case 'DEVICE_SELECTION_REQUIRED':
            clearPending(flow)
            flow.selectedDeviceId = undefined
            flow.status = 'DEVICE_SELECTION_REQUIRED'
            return
        }
      }),
    timeout: (username) => settle(username, timeOut),
    pending: () => [...new Set(waiting().map((f) => f.user?.username ?? ''))],
  }
}

function timeOut(flow: Flow): void {
  flow.push = undefined
  flow.status = 'PUSH_CONFIRMATION_TIMED_OUT'
}
