import type { AgreementAction, AgreementConfig, ProgressiveProfilingAction } from './config.js'
import type { P1Context } from './context.js'
import { invalidData } from './errors.js'
import type { Flow } from './flow.js'
import { policyActions } from './policy.js'
import { advance, fail, profileDue } from './progress.js'
import { requiredBoolean } from './read-body.js'
import { userState } from './users.js'

/** The AGREEMENT action the flow waits on, and its agreement. */
export function pendingAgreement(
  ctx: P1Context,
  flow: Flow,
): { readonly action: AgreementAction; readonly agreement: AgreementConfig | undefined } | undefined {
  const accepted = flow.user ? userState(ctx, flow.user).agreements : new Set<string>()
  for (const action of policyActions(flow.policy)) {
    if (action.type !== 'AGREEMENT' || accepted.has(action.agreementId)) continue
    return { action, agreement: ctx.config.agreements.find((a) => a.id === action.agreementId) }
  }
  return undefined
}

/** The PROGRESSIVE_PROFILING action the flow waits on. */
export function pendingProfile(ctx: P1Context, flow: Flow): ProgressiveProfilingAction | undefined {
  return policyActions(flow.policy).find(
    (a): a is ProgressiveProfilingAction => a.type === 'PROGRESSIVE_PROFILING' && profileDue(ctx, flow, a),
  )
}

/**
 * `user.consent {accept}` in `AGREEMENT_CONSENT_REQUIRED`: `true` records the consent and goes on;
 * `false` fails the flow (`AGREEMENT_DECLINED`, contract §3.3), or is 400 when the policy disables
 * declining.
 */
export function consentAction(ctx: P1Context, flow: Flow, body: Readonly<Record<string, unknown>>): void {
  const accept = requiredBoolean(body, 'accept')
  const pending = pendingAgreement(ctx, flow)
  if (!pending || !flow.user) throw invalidData('accept', 'No agreement is waiting for consent.')
  if (!accept) {
    if (pending.action.disableDeclineOption) throw invalidData('accept', 'The agreement must be accepted.')
    fail(flow, { code: 'AGREEMENT_DECLINED', message: 'The user declined the agreement.' })
    return
  }
  userState(ctx, flow.user).agreements.add(pending.action.agreementId)
  advance(ctx, flow)
}

/**
 * `user.update` in `PROFILE_DATA_REQUIRED`: the asked attributes, as members of the body or of its
 * `user` member (the body's shape is UNCONFIRMED). A required one missing is 400 `REQUIRED_VALUE`
 * naming it; optional ones may stay empty. Asked once per flow.
 */
export function profileUpdateAction(
  ctx: P1Context,
  flow: Flow,
  body: Readonly<Record<string, unknown>>,
): void {
  const action = pendingProfile(ctx, flow)
  if (!action || !flow.user) throw invalidData('body', 'No profile data is asked for.')
  const nested = body.user
  const values: Readonly<Record<string, unknown>> =
    nested && typeof nested === 'object' && !Array.isArray(nested)
      ? (nested as Record<string, unknown>)
      : body
  const attributes = userState(ctx, flow.user).attributes
  const updates: Record<string, string> = {}
  for (const { name, required } of action.attributes) {
    const value = values[name]
    if (value !== undefined && value !== null && typeof value !== 'string') {
      throw invalidData(name, `The ${name} must be a string.`)
    }
    if (typeof value === 'string' && value.trim() !== '') updates[name] = value.trim()
    else if (required && !attributes[name])
      throw invalidData(name, `The ${name} is required.`, 'REQUIRED_VALUE')
  }
  Object.assign(attributes, updates)
  userState(ctx, flow.user).profiledAt = ctx.clock.now()
  flow.profiled = true
  advance(ctx, flow)
}
