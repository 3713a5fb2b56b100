import type { StepReport } from '../answers/answerer.js'
import { stageName } from '../errors.js'
import type { Paint } from './color.js'

/** One line per answered step, for the non-interactive run: stage, status, action, what was done. */
export function stepLine(step: StepReport, paint: Paint): string {
  return `${paint('green', '✔')} ${stageName(step.stage).padEnd(12)} ${step.status.padEnd(28)} → ${paint(
    'cyan',
    step.action.padEnd(22),
  )} ${paint('dim', step.note)}`
}
