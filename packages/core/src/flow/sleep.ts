import { abortError } from '../http/transport.js'

/** Waits `ms`, or rejects with `ABORTED`/`TIMEOUT` as soon as `signal` fires; never leaves a timer behind. */
export function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortError(signal, 'Polling'))
    const onAbort = () => {
      clearTimeout(timer)
      reject(abortError(signal as AbortSignal, 'Polling'))
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    signal?.addEventListener('abort', onAbort, { once: true })
  })
}
