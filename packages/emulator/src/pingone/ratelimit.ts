import type { P1Context } from './context.js'
import { requestLimited } from './errors.js'

/** Counts a request of the auth rate group; over the limit, 429 `REQUEST_LIMITED` with `Retry-After` (contract §4.4). */
export function checkRateLimit(ctx: P1Context): void {
  const limit = ctx.config.rateLimit
  if (!limit) return
  const now = ctx.clock.now()
  const windowMs = limit.windowSeconds * 1000
  const window = ctx.store.rateWindow
  if (now - window.start >= windowMs) {
    window.start = now
    window.count = 0
  }
  window.count += 1
  if (window.count > limit.limit) {
    throw requestLimited(Math.max(1, Math.ceil((window.start + windowMs - now) / 1000)))
  }
}
