import { uuid } from '../shared/ids.js'
import type { IdentityProviderAction, IdentityProviderConfig, P1UserConfig } from './config.js'
import type { P1Context } from './context.js'
import { invalidData } from './errors.js'
import type { ExternalIdentity, Flow } from './flow.js'
import { formAction, policyActions } from './policy.js'
import { advance, fail, identify } from './progress.js'
import { allUsers, findUserByUsername, isEnabled, userState } from './users.js'

/** What a browser does outside the flows API, simulated for tests and demos. */
export interface PingOneBrowser {
  /**
   * The user signs on at an external identity provider for this flow, as their browser would after
   * following the provider's `authenticate` link: in `EXTERNAL_AUTHENTICATION_REQUIRED`, or from a
   * sign-on form that offers the provider among `_embedded.socialProviders` (then `providerId` is
   * required). False when the flow is not waiting for that provider.
   */
  externalSignIn(flowId: string, identity: ExternalSignIn): boolean
  /**
   * The browser of a domain-joined machine presents a Kerberos ticket for `username` on this flow
   * (the SPNEGO exchange); the next `kerberos.lookup` signs that user on. False for an unknown flow.
   */
  kerberos(flowId: string, username: string): boolean
}

/** The account an external sign-on reports. */
export interface ExternalSignIn {
  /** The provider's id; default the one the flow is waiting for (`IDENTITY_PROVIDER`). */
  readonly providerId?: string
  /** The account's subject at the provider. */
  readonly subject: string
  readonly username?: string
  readonly email?: string
  readonly givenName?: string
  readonly familyName?: string
}

/** The IDENTITY_PROVIDER action of the flow's policy, if any. */
export function identityProviderAction(flow: Flow): IdentityProviderAction | undefined {
  return policyActions(flow.policy).find((a): a is IdentityProviderAction => a.type === 'IDENTITY_PROVIDER')
}

/** `_embedded.identityProvider` / `socialProviders[]` entry, with the page the browser opens. */
export function renderProvider(
  ctx: P1Context,
  flow: Flow,
  provider: IdentityProviderConfig,
): Record<string, unknown> {
  const query = new URLSearchParams({ providerId: provider.id, flowId: flow.id })
  return {
    id: provider.id,
    type: provider.type,
    name: provider.name,
    // A page on the auth host the browser is sent to (the emulator does not serve it): not an action.
    _links: { authenticate: { href: `${ctx.envBase}/rp/authenticate?${query}` } },
  }
}

/** The providers a sign-on form of the flow offers. */
export function socialProviders(ctx: P1Context, flow: Flow): readonly IdentityProviderConfig[] {
  const ids = formAction(flow)?.socialProviders ?? []
  return ctx.config.identityProviders.filter((p) => ids.includes(p.id))
}

/** The test hooks of {@link PingOneBrowser}. */
export function createPingOneBrowser(ctx: P1Context): PingOneBrowser {
  const live = (flowId: string): Flow | undefined => {
    const flow = ctx.store.flows.get(flowId)
    return flow && ctx.clock.now() < flow.expiresAt ? flow : undefined
  }
  return {
    externalSignIn(flowId, identity) {
      const flow = live(flowId)
      if (!flow || typeof identity?.subject !== 'string' || identity.subject === '') return false
      const step = identityProviderAction(flow)
      let providerId: string | undefined
      if (flow.status === 'EXTERNAL_AUTHENTICATION_REQUIRED' && step) {
        providerId = identity.providerId ?? step.identityProviderId
        if (providerId !== step.identityProviderId) return false
      } else if (
        ['USERNAME_PASSWORD_REQUIRED', 'SIGN_ON_REQUIRED', 'PASSWORD_REQUIRED'].includes(flow.status)
      ) {
        providerId = identity.providerId
        if (!providerId || !socialProviders(ctx, flow).some((p) => p.id === providerId)) return false
      } else {
        return false
      }
      signedOnExternally(ctx, flow, { ...identity, providerId }, step)
      return true
    },
    kerberos(flowId, username) {
      const flow = live(flowId)
      if (!flow) return false
      flow.kerberosUser = username
      return true
    },
  }
}

/**
 * An external account came back: a linked one signs its user on; an unknown one is confirmed and
 * registered, linked to an existing user by password, or refused, as the policy allows.
 */
function signedOnExternally(
  ctx: P1Context,
  flow: Flow,
  identity: ExternalIdentity,
  step: IdentityProviderAction | undefined,
): void {
  const linked = allUsers(ctx).find((u) =>
    userState(ctx, u).externalIdentities.some(
      (e) => e.providerId === identity.providerId && e.subject === identity.subject,
    ),
  )
  if (linked) {
    if (!isEnabled(linked) || (flow.user && flow.user.id !== linked.id)) {
      fail(flow, { code: 'IDENTITY_MISMATCH', message: 'The external account belongs to another user.' })
      return
    }
    identify(ctx, flow, linked, 'external')
    flow.externalDone = true
    advance(ctx, flow)
    return
  }
  // A social provider on the sign-on form registers new users when the form allows registration.
  const registration = step ? step.registration === true : formAction(flow)?.registration === true
  const confirm = step ? step.confirmAttributes === true : true
  const link = step ? step.linkAccounts === true : !registration
  if (!flow.user && registration) {
    if (confirm) {
      flow.external = identity
      flow.status = 'ACCOUNT_CONFIRMATION_REQUIRED'
      return
    }
    registerExternal(ctx, flow, identity, {})
    return
  }
  if (link) {
    flow.external = identity
    flow.status = 'ACCOUNT_LINKING_REQUIRED'
    return
  }
  fail(flow, { code: 'USER_NOT_FOUND', message: 'No user is linked to the external account.' })
}

/**
 * `user.confirm` in `ACCOUNT_CONFIRMATION_REQUIRED`: registers the external account as a new user,
 * with `username` / `email` corrected from the body (members of it, or of its `user`; the shape is
 * UNCONFIRMED; no body confirms the provider's values as shown).
 */
export function confirmAction(ctx: P1Context, flow: Flow, body: Readonly<Record<string, unknown>>): void {
  const identity = flow.external
  if (!identity) throw invalidData('body', 'No external account waits for confirmation.')
  const nested = body.user
  const values = (nested && typeof nested === 'object' && !Array.isArray(nested) ? nested : body) as Record<
    string,
    unknown
  >
  const corrections: { username?: string; email?: string } = {}
  for (const name of ['username', 'email'] as const) {
    const value = values[name]
    if (value === undefined) continue
    if (typeof value !== 'string' || value.trim() === '')
      throw invalidData(name, `The ${name} must be a non-empty string.`)
    corrections[name] = value.trim()
  }
  registerExternal(ctx, flow, identity, corrections)
}

/** The user an external account would become: its provider's values, corrected. */
export function externalProfile(identity: ExternalIdentity): Record<string, unknown> {
  const out: Record<string, unknown> = { username: identity.username ?? identity.email ?? identity.subject }
  if (identity.email !== undefined) out.email = identity.email
  if (identity.givenName !== undefined || identity.familyName !== undefined) {
    out.name = {
      ...(identity.givenName === undefined ? {} : { given: identity.givenName }),
      ...(identity.familyName === undefined ? {} : { family: identity.familyName }),
    }
  }
  return out
}

function registerExternal(
  ctx: P1Context,
  flow: Flow,
  identity: ExternalIdentity,
  corrections: { username?: string; email?: string },
): void {
  const username = corrections.username ?? identity.username ?? identity.email ?? identity.subject
  if (findUserByUsername(ctx, username)) {
    throw invalidData('username', 'A user with this username already exists.', 'UNIQUENESS_VIOLATION')
  }
  const email = corrections.email ?? identity.email
  const user: P1UserConfig = {
    id: uuid(),
    username,
    ...(email === undefined ? {} : { email }),
    ...(identity.givenName === undefined ? {} : { givenName: identity.givenName }),
    ...(identity.familyName === undefined ? {} : { familyName: identity.familyName }),
    // The provider vouched for the account; nothing to verify.
    verified: true,
    externalIdentities: [{ providerId: identity.providerId, subject: identity.subject }],
    devices: [],
  }
  ctx.store.registered.push(user)
  flow.external = undefined
  identify(ctx, flow, user, 'external')
  flow.externalDone = true
  advance(ctx, flow)
}
