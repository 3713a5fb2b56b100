import type { AuthorizationResult, TokenLifecycle } from '@redirectless/core'
import type { HybridLoginResult } from '@redirectless/orchestrator'
import { toCliError } from './errors.js'

/** What `login --refresh` / `--revoke` did for one stage. Never a token value. */
export interface LifecycleEntry {
  readonly stage: 'pingFederate' | 'pingOne'
  readonly action: 'refresh' | 'revoke'
  /** What happened, in a few words, for the human summary and `--json`. */
  readonly outcome: string
}

/** What `--refresh` and `--revoke` ask for. */
export interface LifecycleRequest {
  readonly refresh: boolean
  readonly revoke: boolean
  readonly signal: AbortSignal
}

/**
 * After a login: refreshes each stage's tokens (the new id_token validated against the first one's
 * claims), then revokes what the stage holds last (its refresh token, then its access token). A stage
 * without a refresh token (no `offline_access`) is reported, not an error. The first refusal rejects
 * with its coded error, named for its stage.
 */
export async function runLifecycle(
  clients: { readonly pingFederate: TokenLifecycle; readonly pingOne: TokenLifecycle },
  result: HybridLoginResult,
  request: LifecycleRequest,
): Promise<LifecycleEntry[]> {
  const entries: LifecycleEntry[] = []
  const stages: ['pingFederate' | 'pingOne', AuthorizationResult | undefined][] = [
    ['pingFederate', result.pingFederate],
    ['pingOne', result.pingOne],
  ]
  for (const [stage, first] of stages) {
    if (!first) continue
    const client = clients[stage]
    let tokens = first.tokens
    try {
      if (request.refresh) {
        if (typeof tokens.refresh_token !== 'string') {
          entries.push({
            stage,
            action: 'refresh',
            outcome: 'no refresh token (scope without offline_access)',
          })
        } else {
          const before = tokens.refresh_token
          const renewed = await client.refresh(before, {
            originalClaims: first.claims,
            signal: request.signal,
          })
          // A server that does not rotate answers no refresh token, or the same one: keep the old one.
          const rotated =
            typeof renewed.tokens.refresh_token === 'string' && renewed.tokens.refresh_token !== before
          tokens = { ...renewed.tokens, refresh_token: renewed.tokens.refresh_token ?? before }
          entries.push({
            stage,
            action: 'refresh',
            outcome: `renewed${renewed.claims ? ', id_token validated' : ''}${rotated ? ', refresh token rotated' : ''}`,
          })
        }
      }
      if (request.revoke) {
        const revoked: string[] = []
        if (typeof tokens.refresh_token === 'string') {
          await client.revoke(tokens.refresh_token, {
            tokenTypeHint: 'refresh_token',
            signal: request.signal,
          })
          revoked.push('refresh token')
        }
        await client.revoke(tokens.access_token, { tokenTypeHint: 'access_token', signal: request.signal })
        revoked.push('access token')
        entries.push({ stage, action: 'revoke', outcome: `revoked ${revoked.join(' and ')}` })
      }
    } catch (error) {
      throw toCliError(error, { stage })
    }
  }
  return entries
}
