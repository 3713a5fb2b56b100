import type { EdgeFailure } from './edge.js'
import type { EmulatorLimits } from './limits.js'

/**
 * Takes a request in under the body limits, before any route sees it:
 *
 * - a declared `Content-Length` over `maxBodyBytes` is refused before a byte of the body is read;
 * - the body is read chunk by chunk and refused as soon as it passes `maxBodyBytes`, or when it has
 *   not finished arriving `bodyTimeoutMs` after the reading started; the rest is never read;
 * - the half gets a request whose body is in memory and whose URL is on the half's configured
 *   `origin`, whatever `Host` the client sent (links are built from the configured base URL).
 *
 * @returns the request to route, or the edge failure to answer instead.
 */
export async function admit(
  request: Request,
  origin: string,
  limits: Pick<EmulatorLimits, 'maxBodyBytes' | 'bodyTimeoutMs'>,
): Promise<Request | EdgeFailure> {
  const declared = declaredLength(request.headers.get('content-length'))
  if (declared !== undefined && declared > limits.maxBodyBytes) return 'body-too-large'
  const url = new URL(request.url)
  const target = url.origin === origin ? request.url : `${origin}${url.pathname}${url.search}`
  if (request.method === 'GET' || request.method === 'HEAD') {
    return target === request.url
      ? request
      : new Request(target, { method: request.method, headers: request.headers, signal: request.signal })
  }
  const body = await readBody(request, limits)
  if (typeof body === 'string') return body
  return new Request(target, {
    method: request.method,
    headers: request.headers,
    body,
    signal: request.signal,
  })
}

/** A `Content-Length` value as a number; `undefined` when absent or not a plain decimal. */
export function declaredLength(value: string | null): number | undefined {
  if (value === null || !/^\s*\d+\s*$/.test(value)) return undefined
  return Number(value)
}

/**
 * Reads a request body into memory, at most `maxBodyBytes` of it and for at most `bodyTimeoutMs`.
 * Past either limit it stops reading and cancels the stream; a stream that fails (the client went
 * away) or a request aborted meanwhile is a `bad-request` nobody will see.
 */
export async function readBody(
  request: Request,
  limits: Pick<EmulatorLimits, 'maxBodyBytes' | 'bodyTimeoutMs'>,
): Promise<Uint8Array<ArrayBuffer> | null | EdgeFailure> {
  const stream = request.body
  if (!stream) return null
  const reader = stream.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  let timer: ReturnType<typeof setTimeout> | undefined
  let onAbort: (() => void) | undefined
  const signal = request.signal
  const stopped = new Promise<EdgeFailure>((resolve) => {
    timer = setTimeout(resolve, limits.bodyTimeoutMs, 'request-timeout')
    // Only the pending read keeps it alive: a client that vanished in-process holds nothing open.
    if (typeof timer === 'object' && 'unref' in timer) timer.unref()
    onAbort = () => resolve('bad-request')
    if (signal.aborted) onAbort()
    else signal.addEventListener('abort', onAbort, { once: true })
  })
  try {
    for (;;) {
      const next = await Promise.race([reader.read(), stopped])
      if (typeof next === 'string') return cancel(reader, next)
      if (next.done) return join(chunks, size)
      size += next.value.byteLength
      if (size > limits.maxBodyBytes) return cancel(reader, 'body-too-large')
      chunks.push(next.value)
    }
  } catch {
    return cancel(reader, 'bad-request')
  } finally {
    clearTimeout(timer)
    if (onAbort) signal.removeEventListener('abort', onAbort)
  }
}

/** Stops reading: the stream's source is told to stop producing (a socket is closed after the answer). */
function cancel(reader: ReadableStreamDefaultReader<Uint8Array>, failure: EdgeFailure): EdgeFailure {
  reader.cancel().catch(() => {})
  return failure
}

function join(chunks: readonly Uint8Array[], size: number): Uint8Array<ArrayBuffer> {
  // A body stream's chunks are never views of shared memory.
  if (chunks.length === 1 && chunks[0]) return chunks[0] as Uint8Array<ArrayBuffer>
  const out = new Uint8Array(size)
  let at = 0
  for (const chunk of chunks) {
    out.set(chunk, at)
    at += chunk.byteLength
  }
  return out
}
