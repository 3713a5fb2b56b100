import { ErrorCodes } from '../errors/codes.js'
import { displayUrl } from '../errors/redact.js'
import { RedirectlessError } from '../errors/redirectless-error.js'
import { errorFromResponse } from '../http/response-errors.js'
import type { HttpResponse } from '../http/types.js'
import type { FlowStateBase, ParseContext } from './dialect.js'

/** What {@link parseFlowBody} needs to know of a product's flow answers. */
export interface FlowBodyRules {
  /** Server codes meaning "this flow is gone". */
  readonly goneCodes: readonly string[]
  /** Statuses the dialect knows; any other is `INVALID_RESPONSE` rather than an untyped state. */
  readonly isKnownStatus: (status: string) => boolean
}

/**
 * The checks every flow answer goes through: an error status becomes a coded error, a success must
 * be a JSON object with a known `status` and well-formed `_links`.
 */
export function parseFlowBody(
  response: HttpResponse,
  context: ParseContext,
  rules: FlowBodyRules,
): FlowStateBase & Readonly<Record<string, unknown>> {
  if (response.status < 200 || response.status > 299) {
    throw errorFromResponse(response, {
      operation: context.operation,
      goneCodes: rules.goneCodes,
      flowStatus: context.previous?.status,
    })
  }
  const where = `${context.operation} (${displayUrl(response.url)})`
  const bad = (why: string) =>
    new RedirectlessError(ErrorCodes.INVALID_RESPONSE, `${where} answered ${why}`, {
      status: response.status,
      ...(context.previous && { flowStatus: context.previous.status }),
    })
  const body = response.json
  if (body === undefined)
    throw bad(response.text.length === 0 ? 'with an empty body' : 'with a body that is not JSON')
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw bad('with JSON that is not an object')
  const state = body as Record<string, unknown>
  if (typeof state.status !== 'string') throw bad('without a status')
  if (!rules.isKnownStatus(state.status))
    throw bad(`with a status this client does not know: ${JSON.stringify(state.status.slice(0, 64))}`)
  if (state._links !== undefined) {
    const links = state._links
    if (!links || typeof links !== 'object' || Array.isArray(links)) throw bad('with malformed _links')
    for (const link of Object.values(links)) {
      if (!link || typeof (link as { href?: unknown }).href !== 'string')
        throw bad('with a link that has no href')
    }
  }
  return state as FlowStateBase & Record<string, unknown>
}
