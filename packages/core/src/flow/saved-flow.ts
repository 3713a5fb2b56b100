import { ErrorCodes } from '../errors/codes.js'
import { RedirectlessError } from '../errors/redirectless-error.js'
import type { FlowSession, FlowStateBase } from './dialect.js'

export const SAVED_FLOW_FORMAT = 'redirectless.flow/1'

/**
 * A flow as plain JSON: its state, what is needed to finish it (PKCE verifier, nonce, state) and
 * its cookies. Store it where only the user's session can reach it: it lets its holder finish the login.
 */
export interface SavedFlow<State extends FlowStateBase = FlowStateBase> {
  readonly format: typeof SAVED_FLOW_FORMAT
  readonly product: string
  readonly state: State
  readonly session: FlowSession
  readonly cookies: unknown
  readonly canceled?: boolean
}

/** Checks that `saved` is a saved flow of `product`. */
export function assertSavedFlow(saved: unknown, product: string): asserts saved is SavedFlow {
  const s = saved as Partial<SavedFlow> | undefined
  const bad = (why: string) =>
    new RedirectlessError(ErrorCodes.INVALID_ARGUMENT, `Cannot restore the flow: ${why}`)
  if (!s || typeof s !== 'object') throw bad('it is not an object')
  if (s.format !== SAVED_FLOW_FORMAT) throw bad(`unknown format ${JSON.stringify(s.format)}`)
  if (s.product !== product) throw bad(`it is a ${String(s.product)} flow, not a ${product} flow`)
  if (!s.state || typeof s.state !== 'object' || typeof s.state.status !== 'string')
    throw bad('it has no state')
  if (!s.session || typeof s.session !== 'object' || typeof s.session.request?.responseType !== 'string') {
    throw bad('it has no session')
  }
}
