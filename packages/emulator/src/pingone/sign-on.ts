import type { P1Context } from './context.js'
import { invalidData, PlatformError } from './errors.js'
import type { Flow } from './flow.js'
import { weakPassword } from './password-policy.js'
import { hasAction } from './policy.js'
import { advance, fail, identify } from './progress.js'
import { requiredBoolean, requiredString } from './read-body.js'
import {
  allUsers,
  constantTimeEqual,
  findUserByUsername,
  isEnabled,
  setPassword,
  userState,
} from './users.js'

/**
 * `user.lookup {username}` in `SIGN_ON_REQUIRED` (identifier first): the user is known from now on,
 * so the flow asks the password (`PASSWORD_REQUIRED`) or, in a passwordless policy, goes to MFA. An
 * unknown username follows `userLookupUnknownUser`; a passwordless policy cannot hide it and refuses.
 */
export function userLookupAction(ctx: P1Context, flow: Flow, body: Readonly<Record<string, unknown>>): void {
  const username = requiredString(body, 'username')
  const user = findUserByUsername(ctx, username)
  if (user && isEnabled(user)) {
    identify(ctx, flow, user, 'lookup')
  } else if (ctx.config.userLookupUnknownUser === 'PASSWORD_REQUIRED' && hasAction(flow.policy, 'LOGIN')) {
    flow.lookupUsername = username
  } else {
    throw invalidData('username', 'No user has this username.')
  }
  advance(ctx, flow)
}

/**
 * `kerberos.lookup` (no body; the body is UNCONFIRMED): signs on the user whose Kerberos ticket the
 * browser presented for this flow (`emu.pingOneBrowser.kerberos()`). Without one: 401
 * `ACCESS_FAILED` with `WWW-Authenticate: Negotiate`, the SPNEGO challenge a browser would answer.
 */
export function kerberosLookupAction(ctx: P1Context, flow: Flow): void {
  const user = flow.kerberosUser === undefined ? undefined : findUserByUsername(ctx, flow.kerberosUser)
  if (!user || !isEnabled(user)) {
    const message = 'No Kerberos ticket was presented for this flow.'
    throw new PlatformError(401, 'ACCESS_FAILED', message, [{ code: 'INVALID_TOKEN', message }], {
      headers: { 'www-authenticate': 'Negotiate' },
    })
  }
  identify(ctx, flow, user, 'kerberos')
  advance(ctx, flow)
}

/**
 * `user.acceptInvite {inviteCode, password, accept}`: an invited user sets their first password and
 * is signed on; `accept: false` declines the invitation and fails the flow (`INVITATION_DECLINED`).
 */
export function acceptInviteAction(
  ctx: P1Context,
  flow: Flow,
  body: Readonly<Record<string, unknown>>,
): void {
  const inviteCode = requiredString(body, 'inviteCode')
  const accept = requiredBoolean(body, 'accept')
  const user = allUsers(ctx).find((u) => {
    const pending = userState(ctx, u).inviteCode
    return pending !== undefined && constantTimeEqual(pending, inviteCode)
  })
  if (!user || !isEnabled(user)) throw invalidData('inviteCode', 'The invitation code is not valid.')
  const state = userState(ctx, user)
  if (!accept) {
    state.inviteCode = undefined
    fail(flow, { code: 'INVITATION_DECLINED', message: 'The user declined the invitation.' })
    return
  }
  const password = requiredString(body, 'password')
  const weak = weakPassword(ctx, 'password', password, user)
  if (weak) throw weak
  setPassword(ctx, user, password)
  state.inviteCode = undefined
  state.verified = true
  identify(ctx, flow, user, 'invite')
  flow.passwordVerified = true
  flow.amr = [...new Set([...flow.amr, 'pwd'])]
  advance(ctx, flow)
}
