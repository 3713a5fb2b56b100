/**
 * Failures answered outside any route: by the composition (a body over the limits, an exception
 * no route caught) or by the HTTP server (a request it could not parse). Each half puts them in
 * its own error envelope; none quotes anything from the request.
 */
export type EdgeFailure =
  | 'bad-request'
  | 'body-too-large'
  | 'expectation-failed'
  | 'headers-too-large'
  | 'request-timeout'
  | 'unexpected'

/** The status and the (request-independent) message of each edge failure. */
export const EDGE_FAILURES: Readonly<
  Record<EdgeFailure, { readonly status: number; readonly message: string }>
> = {
  'bad-request': { status: 400, message: 'The request could not be parsed.' },
  'body-too-large': { status: 413, message: 'The request body is larger than the server accepts.' },
  'expectation-failed': { status: 417, message: 'The expectation in the Expect header cannot be met.' },
  'headers-too-large': {
    status: 431,
    message: 'The request headers are larger than the server accepts.',
  },
  'request-timeout': { status: 408, message: 'The request did not arrive in time.' },
  unexpected: { status: 500, message: 'An unexpected error occurred.' },
}

/** An edge failure in a product's envelope: the status and the JSON body. */
export interface EdgeError {
  readonly status: number
  readonly body: Readonly<Record<string, unknown>>
}

/**
 * The answer to an edge failure. A client refused before its body was read may still be sending
 * it, so the refusals close the connection (`Connection: close`) instead of reading the rest.
 */
export function edgeResponse(error: EdgeError): Response {
  const headers = new Headers({ 'content-type': 'application/json', 'cache-control': 'no-store' })
  if (error.status < 500) headers.set('connection', 'close')
  return new Response(JSON.stringify(error.body), { status: error.status, headers })
}

const networkFailures = new WeakSet<object>()

/**
 * The rejection of a request the emulator refuses like a network would (an unknown origin, a
 * closed emulator, an injected reset): the platform fetch's `TypeError('fetch failed')` with a
 * coded cause. Tagged so the composition passes it through instead of answering 500.
 */
export function networkFailure(code: 'ECONNREFUSED' | 'ECONNRESET', message: string): TypeError {
  const error = new TypeError('fetch failed', { cause: Object.assign(new Error(message), { code }) })
  networkFailures.add(error)
  return error
}

/** Whether `error` came from {@link networkFailure}. */
export function isNetworkFailure(error: unknown): boolean {
  return typeof error === 'object' && error !== null && networkFailures.has(error)
}
