import type { CliIo } from '../io.js'

/** One `redirectless <name>` command. */
export interface Command {
  readonly name: string
  /** One line, for the command list of `redirectless --help`. */
  readonly summary: string
  /** The full `--help` text (flags, exit codes, examples). */
  readonly help: string
  /** Runs it; resolves with the process exit code. Usage errors are thrown as `CliError`s. */
  run(argv: readonly string[], io: CliIo): Promise<number>
}
