import type { EmulatorClock } from '../shared/clock.js'
import { alphanumericId } from '../shared/ids.js'
import type { PkceMethod } from './config.js'

/** The statuses a live flow can be in; terminal ones (`COMPLETED`, `FAILED`, `CANCELED`) end it. */
export type InteractiveStatus =
  | 'IDENTIFIER_REQUIRED'
  | 'USERNAME_PASSWORD_REQUIRED'
  | 'MUST_CHANGE_PASSWORD'
  | 'SUCCESSFUL_PASSWORD_CHANGE'
  | 'PUSH_CONFIRMATION_WAITING'
  | 'PUSH_CONFIRMATION_REJECTED'
  | 'PUSH_CONFIRMATION_TIMED_OUT'
  | 'MFA_COMPLETED'

/** A validated authorization request, kept by the flow until it completes. */
export interface AuthorizeRequest {
  readonly clientId: string
  /** Canonical form, see `normalizeResponseType`. */
  readonly responseType: string
  readonly redirectUri: string | undefined
  readonly scope: readonly string[]
  readonly state: string | undefined
  readonly nonce: string | undefined
  readonly codeChallenge: string | undefined
  readonly codeChallengeMethod: PkceMethod | undefined
  readonly prompt: ReadonlySet<string>
  readonly maxAge: number | undefined
  readonly loginHint: string | undefined
}

/** A flow in progress: where the user is in the policy and what the authorization request asked for. */
export interface Flow {
  id: string
  status: InteractiveStatus
  readonly sessionId: string
  readonly request: AuthorizeRequest
  readonly cookieless: boolean
  /** Cookieless mode: the only `_pf_authn_api_state` value the next call may carry. */
  apiState: string | undefined
  /** Known once Identifier First ran or the password was checked. */
  username: string | undefined
  /** Identifier First chained the username in, so the password form may not change it. */
  usernameChained: boolean
  /** Reads of the current push, counted towards its outcome. */
  pushReads: number
  lastUsed: number
}

/** What creating a flow takes; the store fills in the id, timestamps and counters. */
export type NewFlow = Omit<Flow, 'id' | 'lastUsed' | 'apiState' | 'pushReads' | 'usernameChained'> &
  Partial<Pick<Flow, 'usernameChained'>>

/** The live flows, keyed by their public id, with idle expiry on the emulator clock. */
export interface FlowStore {
  create(init: NewFlow): Flow
  /** The flow, unless unknown or idle longer than the timeout (then it is dropped). */
  get(id: string): Flow | undefined
  touch(flow: Flow): void
  /** Gives the flow a fresh id; the old one stops resolving. */
  renumber(flow: Flow): void
  delete(flow: Flow): void
}

const FLOW_ID_LENGTH = 5

/** An in-memory flow store; expired flows are dropped when read and swept when a flow is created. */
export function createFlowStore(clock: EmulatorClock, idleTimeoutSeconds: number): FlowStore {
  const flows = new Map<string, Flow>()
  const expired = (flow: Flow, now: number) => now - flow.lastUsed > idleTimeoutSeconds * 1000
  const freshId = () => {
    // 62^5 ids: collisions are rare but possible in long test runs, so retry.
    let id = alphanumericId(FLOW_ID_LENGTH)
    while (flows.has(id)) id = alphanumericId(FLOW_ID_LENGTH)
    return id
  }
  const sweep = (now: number) => {
    for (const flow of flows.values()) if (expired(flow, now)) flows.delete(flow.id)
  }

  return {
    create(init) {
      const now = clock.now()
      sweep(now)
      const flow: Flow = {
        usernameChained: false,
        ...init,
        id: freshId(),
        lastUsed: now,
        apiState: undefined,
        pushReads: 0,
      }
      flows.set(flow.id, flow)
      return flow
    },
    get(id) {
      const flow = flows.get(id)
      if (!flow) return undefined
      if (expired(flow, clock.now())) {
        flows.delete(id)
        return undefined
      }
      return flow
    },
    touch(flow) {
      flow.lastUsed = clock.now()
    },
    renumber(flow) {
      flows.delete(flow.id)
      flow.id = freshId()
      flows.set(flow.id, flow)
    },
    delete(flow) {
      flows.delete(flow.id)
    },
  }
}
