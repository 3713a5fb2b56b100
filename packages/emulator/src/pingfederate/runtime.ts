import type { FidoRegistry, FidoTestAuthenticator } from '../pingone/fido-keys.js'
import { createOutbox, type OutboxSink } from '../pingone/outbox.js'
import type { HalfContext } from '../shared/half.js'
import { type ClientRegistry, createClientRegistry } from './clients.js'
import { type PingFederateConfig, type ResolvedLockout, resolveLockout } from './config.js'
import { createPfFidoRegistry } from './fido.js'
import { createFlowStore, type FlowStore } from './flows.js'
import { createSessionStore, type SessionStore } from './sessions.js'
import { createTokenService, type TokenService } from './tokens.js'
import { createUserDirectory, type UserDirectory } from './users.js'

/** The running half's state and settings, handed to every route. */
export interface PfRuntime {
  readonly ctx: HalfContext
  readonly config: PingFederateConfig
  readonly lockout: ResolvedLockout
  readonly clients: ClientRegistry
  readonly users: UserDirectory
  readonly sessions: SessionStore
  readonly flows: FlowStore
  readonly tokens: TokenService
  /** Codes and links this half "sent" (MFA passcodes, recovery codes, usernames); merged into `emulator.outbox`. */
  readonly outbox: OutboxSink
  /** The FIDO keys of the users' security keys, and the software authenticator over them. */
  readonly fido: FidoRegistry & FidoTestAuthenticator
  /** The absolute URL of a flow resource. */
  flowUrl(id: string): string
  /** `resumeUrl` of a flow (contract §5.2: `{base}/as/{flowId}/resume/as/authorization.ping`). */
  resumeUrl(id: string): string
}

/** Where flow resources live, below the base URL (contract §2). */
export const FLOWS_PATH = '/pf-ws/authn/flows'

/** Builds the stores and registries of one half from its context and config. */
export function createRuntime(ctx: HalfContext, config: PingFederateConfig): PfRuntime {
  const lockout = resolveLockout(config.lockout)
  const users = createUserDirectory(config.users, lockout, ctx.clock, config.minPasswordLength)
  return {
    ctx,
    config,
    lockout,
    clients: createClientRegistry(config.clients, {
      tokenEndpoint: `${ctx.baseUrl}/as/token.oauth2`,
      issuer: ctx.baseUrl,
      clock: ctx.clock,
    }),
    users,
    sessions: createSessionStore(ctx.clock, {
      idleTimeoutSeconds: config.sessionIdleTimeoutSeconds,
      maxTimeoutSeconds: config.sessionMaxTimeoutSeconds,
      rotate: config.rotatePfCookie,
      graceSeconds: config.pfCookieGraceSeconds,
      persistent: config.persistentSessions,
      baseUrl: ctx.baseUrl,
      attributes: config.pfCookieAttributes,
    }),
    flows: createFlowStore(ctx.clock, config.flowIdleTimeoutSeconds),
    tokens: createTokenService(
      ctx,
      {
        authorizationCodeSeconds: config.authorizationCodeLifetimeSeconds,
        accessTokenSeconds: config.accessTokenLifetimeSeconds,
        idTokenSeconds: config.idTokenLifetimeSeconds,
        refreshTokenSeconds: config.refreshTokenLifetimeSeconds,
      },
      users,
    ),
    outbox: createOutbox(ctx.clock),
    fido: createPfFidoRegistry(config.users),
    flowUrl: (id) => `${ctx.baseUrl}${FLOWS_PATH}/${id}`,
    resumeUrl: (id) => `${ctx.baseUrl}/as/${id}/resume/as/authorization.ping`,
  }
}
