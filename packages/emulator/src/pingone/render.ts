import { linkedActions } from './actions.js'
import type { P1Context } from './context.js'
import { renderDevice } from './devices.js'
import { requestOptions } from './fido.js'
import { type Flow, MFA_STATUSES } from './flow.js'
import { usableDevices } from './users.js'

/** The flow object of contract §1.3, as authorize, `GET /flows/{id}`, actions and resume return it. */
export function renderFlow(ctx: P1Context, flow: Flow): Record<string, unknown> {
  const self = `${ctx.envBase}/flows/${flow.id}`
  const links: Record<string, { href: string }> = { self: { href: self } }
  for (const action of linkedActions(ctx.config, flow.status)) links[action] = { href: self }
  links.signOnPage = {
    href: `${ctx.config.signOnPageOrigin}/${ctx.config.environmentId}/signon/?flowId=${flow.id}`,
  }

  const mfa = MFA_STATUSES.has(flow.status)
  const embedded: Record<string, unknown> = {}
  if (mfa && flow.user) embedded.devices = usableDevices(flow.user).map((d) => renderDevice(d, flow))
  if (flow.user) embedded.user = { id: flow.user.id, username: flow.user.username }
  embedded.application = { name: flow.app.name }

  const body: Record<string, unknown> = {
    _links: links,
    _embedded: embedded,
    id: flow.id,
    environment: { id: ctx.config.environmentId },
  }
  if (flow.session) body.session = { id: flow.session.id }
  body.resumeUrl = `${ctx.issuer}/resume?flowId=${flow.id}`
  body.status = flow.status
  body.createdAt = new Date(flow.createdAt).toISOString()
  body.expiresAt = new Date(flow.expiresAt).toISOString()
  if (mfa) {
    if (flow.selectedDeviceId) body.selectedDevice = { id: flow.selectedDeviceId }
    body.bypassAllowed = ctx.config.mfaBypassAllowed
  }
  if (flow.status === 'ASSERTION_REQUIRED') {
    const options = requestOptions(ctx, flow)
    if (options !== undefined) body.publicKeyCredentialRequestOptions = options
  }
  if (flow.status === 'FAILED' && flow.error) body.error = flow.error
  return body
}
