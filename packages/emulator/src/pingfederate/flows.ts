import type { EmulatorClock } from '../shared/clock.js'
import { alphanumericId } from '../shared/ids.js'
import type { PingFederateConfig, PkceMethod } from './config.js'
import type { UserRecord } from './users.js'

/**
 * The statuses a live flow can be in; terminal ones (`COMPLETED`, `FAILED`, `CANCELED`) end it.
 * `RESUME` keeps the flow until a browser resumes it at `resumeUrl`.
 */
export type InteractiveStatus =
  | 'IDENTIFIER_REQUIRED'
  | 'USERNAME_PASSWORD_REQUIRED'
  // HTML Form Adapter: password management, account and username recovery
  | 'MUST_CHANGE_PASSWORD'
  | 'SUCCESSFUL_PASSWORD_CHANGE'
  | 'NEW_PASSWORD_RECOMMENDED'
  | 'CURRENT_CREDENTIALS_REQUIRED'
  | 'NEW_PASSWORD_REQUIRED'
  | 'ACCOUNT_RECOVERY_USERNAME_REQUIRED'
  | 'RECOVERY_CODE_REQUIRED'
  | 'PASSWORD_RESET_REQUIRED'
  | 'SUCCESSFUL_PASSWORD_RESET'
  | 'SUCCESSFUL_ACCOUNT_UNLOCK'
  | 'USERNAME_RECOVERY_EMAIL_REQUIRED'
  | 'USERNAME_RECOVERY_EMAIL_SENT'
  // Registration and external authentication
  | 'REGISTRATION_REQUIRED'
  | 'EXTERNAL_AUTHENTICATION_REQUIRED'
  | 'EXTERNAL_AUTHENTICATION_COMPLETED'
  | 'EXTERNAL_AUTHENTICATION_FAILED'
  // MFA: the push step, the PingOne MFA and PingID adapters
  | 'AUTHENTICATION_REQUIRED'
  | 'DEVICE_SELECTION_REQUIRED'
  | 'DEVICE_MANAGEMENT'
  | 'OTP_REQUIRED'
  | 'PUSH_CONFIRMATION_WAITING'
  | 'PUSH_CONFIRMATION_REJECTED'
  | 'PUSH_CONFIRMATION_TIMED_OUT'
  | 'ASSERTION_REQUIRED'
  | 'MFA_COMPLETED'
  | 'MFA_FAILED'
  | 'MFA_SETUP_REQUIRED'
  | 'DEVICE_PAIRING_METHOD_REQUIRED'
  | 'EMAIL_PAIRING_TARGET_REQUIRED'
  | 'EMAIL_ACTIVATION_REQUIRED'
  // A step that needs a browser
  | 'RESUME'

/** A passcode the MFA adapter sent (or an authenticator shows), and how it has been used. */
export interface PendingOtp {
  readonly code: string
  readonly expiresAt: number
  attempts: number
  resends: number
}

/** Where the PingOne MFA / PingID adapter is in a flow. */
export interface MfaProgress {
  /** The device whose challenge is running (`selectedDeviceRef`). */
  deviceId: string | undefined
  otp: PendingOtp | undefined
  /** The WebAuthn challenge of `ASSERTION_REQUIRED`. */
  challenge: Uint8Array | undefined
  /** `MFA_FAILED`'s `code`, `message` and `userMessage`. */
  failure: { readonly code: string; readonly message: string; readonly userMessage: string } | undefined
  /** The status `resumeAuthentication` returns to from `DEVICE_MANAGEMENT`. */
  managedFrom: InteractiveStatus | undefined
  /** Pairing an e-mail device: the address given. */
  pairingEmail: string | undefined
}

/** Account recovery (password reset by an e-mailed code) in progress. */
export interface RecoveryProgress {
  /** The account named; undefined when it is unknown (no code was sent, none will match). */
  user: UserRecord | undefined
  code: string | undefined
  attempts: number
}

/** An external authentication waiting for its pop-up. */
export interface ExternalProgress {
  readonly source: string
  /** The secret part of `authenticationUrl`. */
  readonly token: string
  readonly startedAt: number
  /** Set by the pop-up (or the test hook): who signed in, or that it failed. */
  outcome: { readonly ok: true; readonly username: string } | { readonly ok: false } | undefined
}

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
  /** Cookieless mode: the newest `_pf_authn_api_state` value. */
  apiState: string | undefined
  /**
   * Cookieless mode: values an action replaced, with the emulator time until which each is still
   * accepted (`pfCookieGraceSeconds`, as for the `PF` cookie).
   */
  readonly retiredApiStates: Map<string, number>
  /** Known once Identifier First ran or the password was checked. */
  username: string | undefined
  /** Identifier First chained the username in, so the password form may not change it. */
  usernameChained: boolean
  /** Reads of the current push, counted towards its outcome. */
  pushReads: number
  lastUsed: number
  /** The half's config: the links and models of some states depend on the policy. */
  readonly config: PingFederateConfig
  /** The user once a credential named them (password, registration, external authentication). */
  user?: UserRecord | undefined
  mfa?: MfaProgress | undefined
  recovery?: RecoveryProgress | undefined
  external?: ExternalProgress | undefined
}

/** What creating a flow takes; the store fills in the id, timestamps and counters. */
export type NewFlow = Omit<
  Flow,
  'id' | 'lastUsed' | 'apiState' | 'retiredApiStates' | 'pushReads' | 'usernameChained'
> &
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
  /** The live flows (expired ones are dropped). */
  all(): Flow[]
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
        retiredApiStates: new Map(),
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
    all() {
      sweep(clock.now())
      return [...flows.values()]
    },
  }
}
