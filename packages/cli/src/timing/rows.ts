import type { HttpExchange, Party } from './exchange.js'

/** One line of the timing table: consecutive requests that made up one step of the login. */
export interface TimingRow {
  readonly stage: Party
  /** The flow status the step answered (`—` for the authorization request). */
  readonly status: string
  /** What was done: `authorize`, an action id, `poll ×3`, `resume + token`, … */
  readonly action: string
  readonly requests: number
  /** HTTP time of the step's requests, milliseconds. */
  readonly ms: number
}

// Requests that together finish a stage: the code exchange and what it needs.
const COMPLETION = new Set(['resume', 'discovery', 'jwks', 'token'])

/**
 * Groups the exchanges into steps: a stage's completion (resume, discovery, JWKS, token) is one
 * step, consecutive polls of the same status are one step, every other request is its own.
 */
export function timingRows(exchanges: readonly HttpExchange[]): TimingRow[] {
  const groups: { stage: Party; status: string; labels: string[]; kind: string; ms: number; n: number }[] = []
  for (const e of exchanges) {
    const kind = COMPLETION.has(e.label) ? 'complete' : e.label === 'poll' ? 'poll' : 'one'
    const last = groups.at(-1)
    const joins =
      last &&
      last.stage === e.party &&
      last.kind === kind &&
      kind !== 'one' &&
      (kind === 'complete' || last.status === e.status)
    if (joins) {
      if (!last.labels.includes(e.label)) last.labels.push(e.label)
      last.ms += e.ms
      last.n += 1
    } else {
      groups.push({ stage: e.party, status: e.status, labels: [e.label], kind, ms: e.ms, n: 1 })
    }
  }
  return groups.map((g) => ({
    stage: g.stage,
    status: g.kind === 'complete' && g.labels.includes('token') ? 'COMPLETED' : g.status,
    action:
      g.kind === 'poll'
        ? `poll ×${g.n}`
        : g.kind === 'complete'
          ? completionLabel(g.labels)
          : (g.labels[0] ?? ''),
    requests: g.n,
    ms: Math.round(g.ms * 10) / 10,
  }))
}

function completionLabel(labels: readonly string[]): string {
  // Discovery and JWKS are how the code exchange and id_token check get their endpoints and keys.
  const order = ['resume', 'discovery', 'jwks', 'token']
  return order.filter((l) => labels.includes(l)).join(' + ')
}
