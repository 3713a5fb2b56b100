import type { HybridLoginResult } from '@redirectless/orchestrator'
import type { StepReport } from '../answers/answerer.js'
import type { CliError } from '../errors.js'
import { type CliOutput, writeLine } from '../io.js'
import type { HttpExchange } from '../timing/exchange.js'
import { type TimingRow, timingRows } from '../timing/rows.js'
import { claimsBlock } from './claims.js'
import type { Paint } from './color.js'
import { timingsBlock } from './timings.js'

/** What one login produced, for the summary and for `--json`. Never holds a token. */
export interface LoginReport {
  readonly command: 'demo' | 'login'
  readonly steps: readonly StepReport[]
  readonly exchanges: readonly HttpExchange[]
  /** Wall-clock time of the whole login, ms. */
  readonly ms: number
  readonly extra?: Readonly<Record<string, unknown>>
}

/** The claims of both stages, without the tokens (which never leave the process). */
export function claimsOf(result: HybridLoginResult) {
  return {
    pingFederate: result.pingFederate.claims ?? null,
    pingOne: result.pingOne?.claims ?? null,
  }
}

/** The human summary: both stages' validated claims, then the timing table. */
export function writeSummary(
  out: CliOutput,
  result: HybridLoginResult,
  report: LoginReport,
  paint: Paint,
): void {
  writeLine(out)
  writeLine(out, claimsBlock('PingFederate id_token claims (validated)', result.pingFederate.claims, paint))
  writeLine(out)
  if (result.mfaSkipped) writeLine(out, paint('yellow', 'PingOne skipped MFA (policy).'))
  else writeLine(out, claimsBlock('PingOne id_token claims (validated)', result.pingOne?.claims, paint))
  writeLine(out)
  writeLine(out, timingsBlock(timingRows(report.exchanges), paint))
  writeLine(out, paint('dim', `  wall clock ${Math.round(report.ms)} ms (prompts and push waits included)`))
}

/** The `--json` object: `ok`, the steps, both stages' claims or the coded error, the timings. */
export function jsonReport(
  report: LoginReport,
  outcome: { readonly result: HybridLoginResult } | { readonly error: CliError },
): Record<string, unknown> {
  const timings: TimingRow[] = timingRows(report.exchanges)
  return {
    ok: 'result' in outcome,
    command: report.command,
    ...report.extra,
    steps: report.steps,
    ...('result' in outcome
      ? { claims: claimsOf(outcome.result), mfaSkipped: outcome.result.mfaSkipped }
      : { error: outcome.error.toJSON() }),
    timings,
    ms: Math.round(report.ms),
  }
}
