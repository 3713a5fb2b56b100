import type { IdTokenClaims } from '@redirectless/core'
import type { Paint } from './color.js'
import { table } from './table.js'

// Protocol bookkeeping rather than facts about the user: left out of the human listing (`--json` keeps them).
const HIDDEN = new Set(['nonce', 'at_hash', 'c_hash', 's_hash'])
const TIMES = new Set(['iat', 'exp', 'auth_time', 'nbf', 'updated_at'])

function value(name: string, v: unknown): string {
  if (typeof v === 'number' && TIMES.has(name)) return `${v} (${new Date(v * 1000).toISOString()})`
  if (Array.isArray(v)) return v.map(String).join(', ')
  if (v && typeof v === 'object') return JSON.stringify(v)
  return String(v)
}

/** A stage's validated id_token claims as an aligned list. Claims only: never a token. */
export function claimsBlock(title: string, claims: IdTokenClaims | undefined, paint: Paint): string {
  if (!claims) return `${paint('bold', title)}\n  (no id_token)`
  const rows = Object.entries(claims)
    .filter(([name]) => !HIDDEN.has(name))
    .map(([name, v]) => [paint('cyan', name), value(name, v)])
  return `${paint('bold', title)}\n${table(rows)}`
}
