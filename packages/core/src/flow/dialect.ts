import type { HttpRequest, HttpResponse } from '../http/types.js'
import type { AuthorizationRequestState } from '../oidc/authorization.js'
import type { AuthorizationResult } from '../oidc/types.js'
import type { CompleteContext } from './flow.js'

/** The members every flow state has, whichever product sent it. */
export interface FlowStateBase {
  readonly id?: string
  readonly status: string
  readonly _links?: Readonly<Record<string, { readonly href: string }>>
}

/** Per-flow data that travels with `toJSON()`: what is needed to continue and finish the flow. */
export interface FlowSession {
  readonly request: AuthorizationRequestState
  /** Dialect-specific strings (e.g. PingFederate's cookieless state). */
  readonly extra: Readonly<Record<string, string>>
}

/** How to wait on a status: re-read the flow, or post a `poll`-style action. */
export interface PollStep {
  readonly kind: 'get' | 'action'
  readonly action?: string
  /** The pace the product documents, in ms. */
  readonly intervalMs: number
}

/** What `flow.submit()`/`refresh()` ask of the dialect. */
export interface ParseContext {
  readonly operation: string
  readonly previous?: FlowStateBase | undefined
  readonly session: FlowSession
}

/**
 * Everything that differs between PingFederate and PingOne. The flow engine does the rest
 * (locking, links, origin pinning, cookies, polling, serialisation).
 */
export interface FlowDialect<State extends FlowStateBase, Result = AuthorizationResult> {
  readonly product: string
  /** The request for `action` with `body`, to be posted to `href` (already origin-checked). */
  actionRequest(state: State, action: string, body: unknown, href: URL, session: FlowSession): HttpRequest
  /** The request that re-reads the flow. */
  refreshRequest(state: State, href: URL, session: FlowSession): HttpRequest
  /** Turns an answer into the next state, or throws a coded error. May return an updated session. */
  parse(response: HttpResponse, context: ParseContext): { state: State; session?: FlowSession }
  /** How to wait in this status; undefined when it is not a waiting status. */
  pollStep(state: State): PollStep | undefined
  /**
   * Whether a `_links` key names an action a client can submit. Absent: every key but `self` is one.
   * PingOne also links pages (`signOnPage`), which are not.
   */
  isAction?(name: string): boolean
  /** The cancel action this status offers, if any. */
  cancelAction(state: State): string | undefined
  /** Finishes a completed flow (authorization response, code exchange, id_token validation). */
  complete(context: CompleteContext<State>): Promise<Result>
}
