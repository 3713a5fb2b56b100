import { ErrorCodes, isRedirectlessError, RedirectlessError, redactText } from '@redirectless/core'
import type { HybridLoginError } from './types.js'

/** The snapshot's form of an error: coded, redacted, plain JSON. */
export function toHybridError(error: unknown, stage: 'pingFederate' | 'pingOne'): HybridLoginError {
  const e = isRedirectlessError(error)
    ? error
    : new RedirectlessError(
        ErrorCodes.INVALID_RESPONSE,
        `Unexpected failure: ${redactText(String((error as Error)?.message ?? error))}`,
      )
  const json = e.toJSON() as { message: string; status?: number; server?: unknown; flowStatus?: string }
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
  return new RedirectlessError(error.code as RedirectlessError['code'], error.message, {
    ...(error.status !== undefined && { status: error.status }),
    ...(error.server !== undefined && { server: error.server as never }),
    ...(error.flowStatus !== undefined && { flowStatus: error.flowStatus }),
    retryable: error.retryable,
  })
}

/** Runs an application callback; what it throws becomes `CALLBACK_FAILED` (message redacted). */
export async function callback<T>(name: string, run: () => T | Promise<T>): Promise<T> {
  try {
    return await run()
  } catch (error) {
    if (isRedirectlessError(error)) throw error
    throw new RedirectlessError(
      ErrorCodes.CALLBACK_FAILED,
      `The ${name} callback failed: ${(error as Error)?.message ?? String(error)}`,
      { cause: error },
    )
  }
}
