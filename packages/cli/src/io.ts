import type { Readable, Writable } from 'node:stream'

/** A readable the CLI may put in raw mode when it is a terminal (`process.stdin` is one). */
export type CliInput = Readable & {
  readonly isTTY?: boolean
  /** Raw mode for hidden input (a terminal's stdin has it). */
  setRawMode?: (raw: boolean) => unknown
}

/** A writable that may be a terminal (`process.stdout` is one). */
export type CliOutput = Writable & { readonly isTTY?: boolean; readonly columns?: number }

/**
 * Everything the CLI touches outside itself, so tests run {@link main} in-process with captured
 * streams and their own environment.
 */
export interface CliIo {
  readonly stdin: CliInput
  readonly stdout: CliOutput
  readonly stderr: CliOutput
  /** Where `REDIRECTLESS_*` settings come from; `process.env` in the binary. */
  readonly env: Readonly<Record<string, string | undefined>>
  /** Fires when the user presses Ctrl-C (the binary aborts it on SIGINT). */
  readonly interrupt?: AbortSignal | undefined
  /** Resolves relative `--config` paths; `process.cwd()` by default. */
  readonly cwd?: string | undefined
}

/** True when both ends are a terminal, i.e. someone can answer prompts and see a spinner. */
export function isInteractive(io: CliIo): boolean {
  return io.stdin.isTTY === true && io.stdout.isTTY === true
}

/** Writes one line. */
export function writeLine(out: Writable, line = ''): void {
  out.write(`${line}\n`)
}

/** Writes `text` as the command's whole answer (`--help`, `--version`) and gives exit code 0. */
export function answerWith(out: Writable, text: string): 0 {
  writeLine(out, text)
  return 0
}
