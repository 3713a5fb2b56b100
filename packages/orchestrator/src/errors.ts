import {
  ErrorCodes,
  isRedirectlessError,
  RedirectlessError,
  redactText,
  type ServerError,
} from '@redirectless/core'
import type { HybridLoginError } from './types.js'

/** The snapshot's form of an error: coded, redacted, plain JSON. */
export function toHybridError(error: unknown, stage: 'pingFederate' | 'pingOne'): HybridLoginError {
  const e = isRedirectlessError(error)
    ? error
    : new RedirectlessError(
        ErrorCodes.INVALID_RESPONSE,
        `Unexpected failure: ${redactText(String((error as Error)?.message ?? error))}`,
      )
  const json = e.toJSON() as { message: string; status?: number; server?: ServerError; flowStatus?: string }
  return {
    code: e.code,
    message: json.message,
    ...(json.status !== undefined && { status: json.status }),
    ...(json.server !== undefined && { server: json.server }),
    ...(json.flowStatus !== undefined && { flowStatus: json.flowStatus }),
    retryable: e.retryable,
    stage,
  }
}

/** Back from the snapshot's form to a throwable {@link RedirectlessError}. */
export function fromHybridError(error: HybridLoginError): RedirectlessError {
  return new RedirectlessError(error.code, error.message, {
    ...(error.status !== undefined && { status: error.status }),
    ...(error.server !== undefined && { server: error.server }),
    ...(error.flowStatus !== undefined && { flowStatus: error.flowStatus }),
    retryable: error.retryable,
  })
}

/**
 * Runs an application callback; what it throws becomes `CALLBACK_FAILED`. Its message is not kept:
 * a callback's error may quote what it holds (an issuer secret, a backend's answer), which no
 * pattern can recognise, so only the name of the error (and its `code`, if any) is.
 */
export async function callback<T>(name: string, run: () => T | Promise<T>): Promise<T> {
  try {
    return await run()
  } catch (error) {
    if (isRedirectlessError(error)) throw error
    const e = error as { name?: unknown; code?: unknown } | undefined
    const kind = typeof e?.name === 'string' ? e.name.slice(0, 64) : typeof error
    throw new RedirectlessError(ErrorCodes.CALLBACK_FAILED, `The ${name} callback failed (${kind})`, {
      cause: { name: kind, ...(typeof e?.code === 'string' && { code: e.code }) },
    })
  }
}
