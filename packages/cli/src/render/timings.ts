import { stageName } from '../errors.js'
import type { TimingRow } from '../timing/rows.js'
import type { Paint } from './color.js'
import { table } from './table.js'

/** The per-step timing table: stage, status answered, action, requests, HTTP milliseconds, and a total. */
export function timingsBlock(rows: readonly TimingRow[], paint: Paint): string {
  const total = rows.reduce((sum, r) => sum + r.ms, 0)
  const requests = rows.reduce((sum, r) => sum + r.requests, 0)
  const body = table([
    ['stage', 'status', 'action', 'requests', 'HTTP ms'].map((h) => paint('dim', h)),
    ...rows.map((r) => [stageName(r.stage), r.status, r.action, String(r.requests), r.ms.toFixed(1)]),
    [paint('bold', 'total'), '', '', String(requests), total.toFixed(1)],
  ])
  return `${paint('bold', 'Timings (HTTP, per step)')}\n${body}`
}
