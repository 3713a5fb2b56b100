/** The faults the soak injects, picked by a seeded random number per request. */
export const INJECTED = [
  'reset before sending',
  'reset after the server answered',
  'HTTP 503',
  'truncated body',
] as const
export type InjectedFault = (typeof INJECTED)[number]

type FetchLike = (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>

const reset = () =>
  new TypeError('fetch failed', { cause: Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }) })

/**
 * Wraps `base` so that each request, with probability `rate`, meets one of {@link INJECTED}. Unlike
 * the emulator's fault rules this can lose an answer the server already acted on (the nastiest
 * case: a password accepted, its rotated cookie never received), and it is driven by `random`, so a
 * run can be replayed from its seed.
 */
export function faultInjector(
  base: FetchLike,
  random: () => number,
  rate: number,
  onFault: (fault: InjectedFault) => void,
): FetchLike {
  return async (input, init) => {
    if (random() >= rate) return base(input, init)
    const fault = INJECTED[Math.floor(random() * INJECTED.length)] as InjectedFault
    onFault(fault)
    switch (fault) {
      case 'reset before sending':
        throw reset()
      case 'HTTP 503':
        return new Response(JSON.stringify({ code: 'UNEXPECTED_ERROR', message: 'Injected 503' }), {
          status: 503,
          headers: { 'content-type': 'application/json' },
        })
      case 'reset after the server answered': {
        const response = await base(input, init)
        await response.body?.cancel()
        throw reset()
      }
      case 'truncated body': {
        const response = await base(input, init)
        const text = await response.text()
        const headers = new Headers(response.headers)
        headers.delete('content-length')
        return new Response(text.slice(0, Math.floor(text.length / 2)), { status: response.status, headers })
      }
    }
  }
}
