import { linkedActions } from './actions.js'
import { pendingAgreement, pendingProfile } from './consent.js'
import type { P1Context } from './context.js'
import { renderDeviceAuthorization } from './device-grant.js'
import { renderDevice } from './devices.js'
import { externalProfile, identityProviderAction, renderProvider, socialProviders } from './external.js'
import { requestOptions } from './fido.js'
import { type Flow, type FlowStatus, MFA_STATUSES } from './flow.js'
import { renderPasswordPolicy } from './password-policy.js'
import { formAction } from './policy.js'
import { usableDevices } from './users.js'

/** Statuses whose screen sets or may set a new password: they show the password policy. */
const PASSWORD_POLICY_SHOWN: ReadonlySet<FlowStatus> = new Set([
  'MUST_CHANGE_PASSWORD',
  'PASSWORD_EXPIRED',
  'RECOVERY_CODE_REQUIRED',
])

/** The flow object of contract §1.3, as authorize, `GET /flows/{id}`, actions and resume return it. */
export function renderFlow(ctx: P1Context, flow: Flow): Record<string, unknown> {
  const self = `${ctx.envBase}/flows/${flow.id}`
  const links: Record<string, { href: string }> = { self: { href: self } }
  for (const action of linkedActions(ctx, flow)) links[action] = { href: self }
  links.signOnPage = {
    href: `${ctx.config.signOnPageOrigin}/${ctx.config.environmentId}/signon/?flowId=${flow.id}`,
  }

  const status = flow.status
  const mfa = MFA_STATUSES.has(status)
  const embedded: Record<string, unknown> = {}
  if (mfa && flow.user) embedded.devices = usableDevices(flow.user).map((d) => renderDevice(d, flow))
  if (flow.user) embedded.user = { id: flow.user.id, username: flow.user.username }
  embedded.application = { name: flow.app.name }
  Object.assign(embedded, statusEmbedded(ctx, flow, self))

  const body: Record<string, unknown> = {
    _links: links,
    _embedded: embedded,
    id: flow.id,
    environment: { id: ctx.config.environmentId },
  }
  if (flow.session) body.session = { id: flow.session.id }
  body.resumeUrl = `${ctx.issuer}/resume?flowId=${flow.id}`
  body.status = status
  body.createdAt = new Date(flow.createdAt).toISOString()
  body.expiresAt = new Date(flow.expiresAt).toISOString()
  if (mfa) {
    if (flow.selectedDeviceId) body.selectedDevice = { id: flow.selectedDeviceId }
    body.bypassAllowed = ctx.config.mfaBypassAllowed
  }
  if (status === 'ASSERTION_REQUIRED') {
    const options = requestOptions(ctx, flow)
    if (options !== undefined) body.publicKeyCredentialRequestOptions = options
  }
  if (status === 'FAILED' && flow.error) body.error = flow.error
  return body
}

/** What each status adds to `_embedded` for its screen (the shapes beyond contract §1.3 are UNCONFIRMED). */
function statusEmbedded(ctx: P1Context, flow: Flow, self: string): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  const status = flow.status
  if (
    status === 'USERNAME_PASSWORD_REQUIRED' ||
    status === 'SIGN_ON_REQUIRED' ||
    status === 'PASSWORD_REQUIRED'
  ) {
    const providers = socialProviders(ctx, flow)
    if (providers.length > 0) out.socialProviders = providers.map((p) => renderProvider(ctx, flow, p))
    const form = formAction(flow)
    if (status !== 'PASSWORD_REQUIRED' && (form?.registration || form?.invitations))
      out.passwordPolicy = renderPasswordPolicy(ctx)
  }
  if (PASSWORD_POLICY_SHOWN.has(status)) out.passwordPolicy = renderPasswordPolicy(ctx)
  switch (status) {
    case 'PASSWORD_REQUIRED':
      // Contract §3.3 (OBSERVED): the password link sits under the required step.
      if (ctx.config.passwordRequiredLinks !== 'top')
        out.requiredStep = { _links: { 'usernamePassword.check': { href: self } } }
      if (!flow.user && flow.lookupUsername !== undefined) out.user = { username: flow.lookupUsername }
      break
    case 'AGREEMENT_CONSENT_REQUIRED': {
      const pending = pendingAgreement(ctx, flow)
      const agreement = pending?.agreement
      if (agreement) {
        out.agreement = {
          id: agreement.id,
          name: agreement.name,
          language: agreement.language ?? 'en',
          text: agreement.text,
          ...(pending.action.disableDeclineOption ? { declineOptionDisabled: true } : {}),
        }
      }
      break
    }
    case 'PROFILE_DATA_REQUIRED': {
      const action = pendingProfile(ctx, flow)
      if (action) {
        out.profileData = {
          ...(action.promptText === undefined ? {} : { promptText: action.promptText }),
          attributes: action.attributes.map((a) => ({ name: a.name, required: a.required })),
        }
      }
      break
    }
    case 'EXTERNAL_AUTHENTICATION_REQUIRED':
    case 'ACCOUNT_CONFIRMATION_REQUIRED':
    case 'ACCOUNT_LINKING_REQUIRED': {
      const id = flow.external?.providerId ?? identityProviderAction(flow)?.identityProviderId
      const provider = ctx.config.identityProviders.find((p) => p.id === id)
      if (provider) out.identityProvider = renderProvider(ctx, flow, provider)
      if (status === 'ACCOUNT_CONFIRMATION_REQUIRED' && flow.external)
        out.user = externalProfile(flow.external)
      break
    }
    case 'DAG_CONSENT_REQUIRED': {
      const grant = renderDeviceAuthorization(ctx, flow)
      if (grant) out.deviceAuthorization = grant
      break
    }
  }
  return out
}
