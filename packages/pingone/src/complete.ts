import {
  type AuthorizationResult,
  type ClientCredentials,
  type CompleteContext,
  displayUrl,
  ErrorCodes,
  errorFromResponse,
  finishAuthorization,
  type HttpResponse,
  isRedirectlessError,
  type ProviderKeys,
  RedirectlessError,
  type ServerError,
} from '@redirectless/core'
import { DEVICE_VERIFICATION } from './authorize-request.js'
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
 * flow's `ST` cookie) and reads it from that answer; then checks it and exchanges the code. A
 * `FAILED` flow is resumed too, for the reason, and rejects with `FLOW_FAILED`.
 */
export async function completePingOneFlow(
  context: CompleteContext<PingOneState>,
  deps: CompleteDeps,
): Promise<AuthorizationResult> {
  const { state } = context
  if (state.status === 'FAILED') throw await failure(context, deps)
  if (context.session.extra[DEVICE_VERIFICATION] === 'true') {
    throw new RedirectlessError(
      ErrorCodes.INVALID_ARGUMENT,
      'A device verification flow has no tokens for this client: the device gets them at the token endpoint',
      { flowStatus: state.status },
    )
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
  return readResume(await sendResume(context, deps))
}

function sendResume(context: CompleteContext<PingOneState>, deps: CompleteDeps): Promise<HttpResponse> {
  const href = context.state.resumeUrl ?? defaultResumeUrl(context.state, deps)
  // resolve() refuses a resumeUrl on another origin before anything (or any cookie) is sent.
  const url = context.transport.resolve(href)
  return context.send({ method: 'GET', url })
}

/**
 * `FLOW_FAILED` for a `FAILED` flow. As Ping's own sample does, the flow is resumed first: the
 * authorization server answers with the OAuth error it would have sent the redirect URI
 * (`access_denied` and why), which becomes the error's `server`. A server that refuses to resume a
 * failed flow leaves the state's own `error` as the reason.
 */
async function failure(
  context: CompleteContext<PingOneState>,
  deps: CompleteDeps,
): Promise<RedirectlessError> {
  const { state } = context
  const reason = state.status === 'FAILED' ? state.error : undefined
  let server: ServerError | undefined =
    typeof reason?.code === 'string'
      ? { code: reason.code, ...(typeof reason.message === 'string' && { message: reason.message }) }
      : undefined
  try {
    const response = await sendResume(context, deps)
    const answer = (response.json as { authorizeResponse?: Record<string, unknown> } | undefined)
      ?.authorizeResponse
    if (response.status === 200 && typeof answer?.error === 'string') {
      const description = answer.error_description
      server = { code: answer.error, ...(typeof description === 'string' && { message: description }) }
    }
  } catch (error) {
    // Only the caller's own abort stops here; anything else leaves the state's reason standing.
    if (isRedirectlessError(error, ErrorCodes.ABORTED)) throw error
  }
  const why = reason?.code ? ` (${reason.code})` : ''
  return new RedirectlessError(ErrorCodes.FLOW_FAILED, `The flow ended in FAILED${why}; start a new one`, {
    flowStatus: 'FAILED',
    ...(server && { server }),
  })
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
