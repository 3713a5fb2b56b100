import {
  type AuthorizationResult,
  type ClientCredentials,
  type CompleteContext,
  displayUrl,
  ErrorCodes,
  errorFromResponse,
  finishAuthorization,
  type HttpResponse,
  type ProviderKeys,
  RedirectlessError,
} from '@redirectless/core'
import type { PingOneState } from './states/index.js'

/** What `complete()` needs from the client. */
export interface CompleteDeps {
  readonly provider: ProviderKeys
  readonly client: ClientCredentials
  readonly now: () => number
  /** `{authBase}/{envId}/as`. */
  readonly issuer: string
}

/**
 * Finishes a `COMPLETED` flow: takes `authorizeResponse` from the state when the server already put
 * it there, otherwise GETs `resumeUrl` (through the transport, so origin-pinned and with this
 * flow's `ST` cookie) and reads it from that answer; then checks it and exchanges the code.
 */
export async function completePingOneFlow(
  context: CompleteContext<PingOneState>,
  deps: CompleteDeps,
): Promise<AuthorizationResult> {
  const { state } = context
  if (state.status === 'FAILED') {
    const why = state.error?.code ? ` (${state.error.code})` : ''
    throw new RedirectlessError(ErrorCodes.FLOW_FAILED, `The flow ended in FAILED${why}; start a new one`, {
      flowStatus: state.status,
    })
  }
  if (state.status !== 'COMPLETED') {
    throw new RedirectlessError(
      ErrorCodes.FLOW_NOT_COMPLETED,
      `The flow is ${state.status}, not COMPLETED; answer it before calling complete()`,
      { flowStatus: state.status },
    )
  }
  const authorizeResponse = state.authorizeResponse ?? (await resume(context, deps))
  return finishAuthorization({
    authorizeResponse,
    request: context.session.request,
    provider: deps.provider,
    client: deps.client,
    transport: context.transport,
    send: context.sendOptions,
    now: deps.now,
  })
}

async function resume(context: CompleteContext<PingOneState>, deps: CompleteDeps): Promise<unknown> {
  const href = context.state.resumeUrl ?? defaultResumeUrl(context.state, deps)
  // resolve() refuses a resumeUrl on another origin before anything (or any cookie) is sent.
  const url = context.transport.resolve(href)
  const response = await context.send({ method: 'GET', url })
  return readResume(response)
}

/** `{authBase}/{envId}/as/resume?flowId=…`, for a server that omits `resumeUrl` (contract §1.3 shape). */
function defaultResumeUrl(state: PingOneState, deps: CompleteDeps): string {
  if (!state.id) {
    throw new RedirectlessError(
      ErrorCodes.INVALID_RESPONSE,
      'The COMPLETED flow carries neither resumeUrl nor id',
      {
        flowStatus: state.status,
      },
    )
  }
  return `${deps.issuer}/resume?${new URLSearchParams({ flowId: state.id })}`
}

function readResume(response: HttpResponse): unknown {
  if (response.status < 200 || response.status > 299) {
    // A 404 here means the flow expired between COMPLETED and resume; 401 a missing ST cookie.
    throw errorFromResponse(response, {
      operation: 'resume',
      goneCodes: ['NOT_FOUND'],
      flowStatus: 'COMPLETED',
    })
  }
  const body = response.json as Record<string, unknown> | undefined
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    throw new RedirectlessError(
      ErrorCodes.INVALID_RESPONSE,
      `resume (${displayUrl(response.url)}) did not answer with a JSON object`,
      { status: response.status, flowStatus: 'COMPLETED' },
    )
  }
  if (body.authorizeResponse === undefined) {
    throw new RedirectlessError(
      ErrorCodes.INVALID_RESPONSE,
      `resume (${displayUrl(response.url)}) answered without an authorizeResponse`,
      { status: response.status, flowStatus: typeof body.status === 'string' ? body.status : 'COMPLETED' },
    )
  }
  return body.authorizeResponse
}
