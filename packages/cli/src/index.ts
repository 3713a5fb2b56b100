/**
 * The `redirectless` command line as a function: {@link main} runs any command in-process with the
 * streams and environment it is given, and resolves with the exit code.
 * @module
 */

export type { StepReport } from './answers/answerer.js'
export { CliError, type CliErrorCode, type CliErrorDetails } from './errors.js'
export { type ExitCode, ExitCodes } from './exit-codes.js'
export type { CliInput, CliIo, CliOutput } from './io.js'
export { main } from './main.js'
export type { TimingRow } from './timing/rows.js'
