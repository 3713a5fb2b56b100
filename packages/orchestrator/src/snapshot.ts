import { ErrorCodes, RedirectlessError } from '@redirectless/core'
import { reveal } from './secret.js'
import type { HybridLoginContext, HybridLoginResult } from './types.js'

/** What the machine is doing, read from a snapshot's value. */
export type HybridLoginPhase = 'input' | 'busy' | 'waiting' | 'error' | 'done' | 'failed' | 'canceled'

interface SnapshotLike {
  readonly value: unknown
  readonly status: string
  readonly context: HybridLoginContext
}

/**
 * `input`: the app must SUBMIT an action; `waiting`: a push is pending (the machine polls);
 * `error`: a retryable failure (RETRY or CANCEL); `busy`: a call is under way; then the three ends.
 */
export function hybridLoginPhase(snapshot: SnapshotLike): HybridLoginPhase {
  const value = snapshot.value
  if (value === 'done' || value === 'failed' || value === 'canceled') return value
  if (value && typeof value === 'object') {
    const inner = Object.values(value)[0]
    if (inner === 'awaitingInput') return 'input'
    if (inner === 'error') return 'error'
    if (inner === 'polling') return 'waiting'
  }
  return 'busy'
}

/** Both stages' tokens and claims, from a finished machine's snapshot. */
export function hybridLoginResult(snapshot: SnapshotLike): HybridLoginResult {
  if (snapshot.value !== 'done') {
    throw new RedirectlessError(ErrorCodes.FLOW_NOT_COMPLETED, 'The hybrid login has not finished')
  }
  const { context } = snapshot
  const vault = reveal(context.vault)
  if (!vault.pingFederateTokens)
    throw new RedirectlessError(ErrorCodes.FLOW_NOT_COMPLETED, 'PingFederate has no tokens')
  const pingOne =
    vault.pingOneTokens !== undefined
      ? { tokens: vault.pingOneTokens, claims: context.pingOneClaims }
      : undefined
  return {
    pingFederate: { tokens: vault.pingFederateTokens, claims: context.pingFederateClaims },
    pingOne,
    mfaSkipped: context.mfaSkipped,
  }
}
