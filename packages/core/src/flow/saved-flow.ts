import { ErrorCodes } from '../errors/codes.js'
import { RedirectlessError } from '../errors/redirectless-error.js'
import type { FlowSession, FlowStateBase } from './dialect.js'

/** The `format` of a saved flow; a restore refuses any other. */
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
  // The saved values themselves are never echoed: a tampered or mixed-up blob may hold anything.
  if (s.format !== SAVED_FLOW_FORMAT) throw bad(`it is not in the ${SAVED_FLOW_FORMAT} format`)
  if (s.product !== product) throw bad(`it is not a ${product} flow`)
  if (!s.state || typeof s.state !== 'object' || typeof s.state.status !== 'string')
    throw bad('it has no state')
  const session = s.session as Partial<FlowSession> | undefined
  if (!session || typeof session !== 'object' || typeof session.request?.responseType !== 'string') {
    throw bad('it has no session')
  }
  if (!session.extra || typeof session.extra !== 'object' || Array.isArray(session.extra))
    throw bad('its session is malformed')
  if (Object.values(session.extra).some((v) => typeof v !== 'string')) throw bad('its session is malformed')
}
