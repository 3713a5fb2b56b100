import { EDGE_FAILURES, type EdgeError, type EdgeFailure } from '../shared/edge.js'

/** One entry of a PF error's `details[]` (contract §4.1). */
export interface PfErrorDetail {
  readonly code: string
  readonly message: string
  readonly userMessage?: string
  readonly target?: string
  readonly attemptsRemaining?: number
  readonly failedValidators?: readonly { readonly userMessage: string }[]
  readonly satisfiedValidators?: readonly { readonly userMessage: string }[]
}

/** The Authentication API error envelope: no `status` field, which is how clients tell it from a state. */
export interface PfErrorBody {
  readonly code: string
  readonly message: string
  readonly userMessage?: string
  readonly details?: readonly PfErrorDetail[]
}

/**
 * An Authentication API error a handler throws; the route turns it into a response, adding the
 * rotated cookie and, in cookieless mode, `_pf_authn_api_state`.
 */
export class PfApiError extends Error {
  override readonly name = 'PfApiError'
  constructor(
    readonly status: number,
    readonly body: PfErrorBody,
  ) {
    super(body.message)
  }
}

const VALIDATION_MESSAGE = 'One or more validation errors occurred.'

/** 400 `VALIDATION_ERROR` with the given details. */
export function validationError(details: readonly PfErrorDetail[]): PfApiError {
  return new PfApiError(400, {
    code: 'VALIDATION_ERROR',
    message: VALIDATION_MESSAGE,
    userMessage: VALIDATION_MESSAGE,
    details,
  })
}

/** 400 `INVALID_REQUEST`, optionally with details such as `INVALID_CONTENT_TYPE`. */
export function invalidRequest(message: string, details?: readonly PfErrorDetail[]): PfApiError {
  return new PfApiError(400, { code: 'INVALID_REQUEST', message, ...(details ? { details } : {}) })
}

/** 400 `INVALID_ACTION_ID`: the action is not among the current state's `_links`. */
export function invalidActionId(actionId: string): PfApiError {
  return new PfApiError(400, {
    code: 'INVALID_ACTION_ID',
    message: `The action '${actionId}' is not valid for the current state of the flow.`,
  })
}

/** 404 for an unknown, expired, finished or foreign flow (contract §4.2 EMULATOR DEFAULT). */
export function flowNotFound(code: 'RESOURCE_NOT_FOUND' | 'FLOW_NOT_FOUND'): PfApiError {
  return new PfApiError(404, { code, message: 'The requested resource was not found.' })
}

/** The wrong-password answer; the flow stays where it was. */
export function credentialValidationFailed(): PfApiError {
  return validationError([
    {
      code: 'CREDENTIAL_VALIDATION_FAILED',
      message: 'The provided credentials are invalid.',
      userMessage: "We didn't recognize the username or password you entered. Please try again.",
    },
  ])
}

/**
 * The authorization endpoint's error (contract §1.4): observed for `unauthorized_client`, the
 * EMULATOR DEFAULT for every other OAuth error there.
 */
export function authorizeError(oauthCode: string, message: string): PfApiError {
  return validationError([{ code: oauthCode, message, userMessage: message }])
}

/** An OAuth error of the token and userinfo endpoints: `{ error, error_description }`. */
export class OAuthError extends Error {
  override readonly name = 'OAuthError'
  constructor(
    readonly error: string,
    readonly description: string,
    readonly status = 400,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(description)
  }

  toJSON(): { error: string; error_description: string } {
    return { error: this.error, error_description: this.description }
  }
}

/**
 * A failure outside any route (a body over the limits, an unparseable request, a crash) in the
 * Authentication API envelope: 4xx `INVALID_REQUEST`, 500 `UNEXPECTED_ERROR` (EMULATOR DEFAULT).
 */
export function edgeError(failure: EdgeFailure): EdgeError & { readonly body: PfErrorBody } {
  const { status, message } = EDGE_FAILURES[failure]
  return { status, body: { code: status >= 500 ? 'UNEXPECTED_ERROR' : 'INVALID_REQUEST', message } }
}
