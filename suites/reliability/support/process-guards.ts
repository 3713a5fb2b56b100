/**
 * Counts unhandled promise rejections while a suite runs. Vitest fails a run on them too, but only
 * reports them after the fact; a counter lets a suite assert "none" at the point it knows it is done
 * and name what leaked.
 */
export function countUnhandledRejections() {
  const reasons: unknown[] = []
  const listener = (reason: unknown) => {
    reasons.push(reason)
  }
  process.on('unhandledRejection', listener)
  return {
    reasons,
    dispose: () => {
      process.off('unhandledRejection', listener)
    },
  }
}

/** How many of each kind of handle (Timeout, TCPSocketWrap, …) keep the event loop alive. */
export function activeResources(): Map<string, number> {
  const counts = new Map<string, number>()
  for (const kind of process.getActiveResourcesInfo()) counts.set(kind, (counts.get(kind) ?? 0) + 1)
  return counts
}

/** The resource kinds that grew since `baseline`, with how many more there are. */
export function grownSince(baseline: Map<string, number>): Record<string, number> {
  const grown: Record<string, number> = {}
  for (const [kind, count] of activeResources()) {
    const before = baseline.get(kind) ?? 0
    if (count > before) grown[kind] = count - before
  }
  return grown
}

/**
 * Waits up to `ms` for the handles opened since `baseline` to close (a cleared timer disappears at
 * once, a closing socket takes a tick or two), then returns what is still open.
 */
export async function leakedSince(
  baseline: Map<string, number>,
  ms = 2_000,
): Promise<Record<string, number>> {
  const until = Date.now() + ms
  for (;;) {
    const grown = grownSince(baseline)
    if (Object.keys(grown).length === 0 || Date.now() >= until) return grown
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
}
