/**
 * The emulator's clock. Tests move it forward to expire flows, codes and tokens without waiting.
 * It starts at the real time so tokens it signs validate against a client's real clock.
 */
export interface EmulatorClock {
  /** Milliseconds since the epoch, as the emulator sees it. */
  now(): number
  /** Moves the emulator's time forward by `ms` milliseconds. */
  advance(ms: number): void
}

export function createClock(base: () => number = Date.now): EmulatorClock {
  let offset = 0
  return {
    now: () => base() + offset,
    advance(ms) {
      if (!Number.isFinite(ms) || ms < 0)
        throw new RangeError('clock.advance takes a non-negative number of ms')
      offset += ms
    },
  }
}
