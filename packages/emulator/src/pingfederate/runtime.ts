import type { HalfContext } from '../shared/half.js'
import { type ClientRegistry, createClientRegistry } from './clients.js'
import { type PingFederateConfig, type ResolvedLockout, resolveLockout } from './config.js'
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
  /** The absolute URL of a flow resource. */
  flowUrl(id: string): string
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
    clients: createClientRegistry(config.clients),
    users,
    sessions: createSessionStore(ctx.clock, {
      idleTimeoutSeconds: config.sessionIdleTimeoutSeconds,
      maxTimeoutSeconds: config.sessionMaxTimeoutSeconds,
      rotate: config.rotatePfCookie,
      persistent: config.persistentSessions,
      secure: new URL(ctx.baseUrl).protocol === 'https:',
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
    flowUrl: (id) => `${ctx.baseUrl}${FLOWS_PATH}/${id}`,
  }
}
