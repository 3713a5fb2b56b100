import { parseFlags } from './args.js'
import type { Command } from './commands/command.js'
import { demoCommand } from './commands/demo.js'
import { emulatorCommand } from './commands/emulator.js'
import { loginCommand } from './commands/login.js'
import { CliError, toCliError } from './errors.js'
import { EXIT_CODES_HELP, ExitCodes } from './exit-codes.js'
import { answerWith, type CliIo, writeLine } from './io.js'
import { version } from './version.js'

const COMMANDS: readonly Command[] = [demoCommand, loginCommand, emulatorCommand]

const HELP = `Usage: redirectless <command> [flags]

PingFederate redirectless sign-on chained into PingOne MFA, from a terminal.

Commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(10)}${c.summary}`).join('\n')}

Run "redirectless <command> --help" for a command's flags.

Flags:
  -h, --help     show this help
  -v, --version  show the version

${EXIT_CODES_HELP}`

/** The line under a usage error: where the flags (or the commands) are explained. */
export function usageHint(command: string | undefined): string {
  return command === undefined
    ? 'Run `redirectless --help` for usage.'
    : `Run \`redirectless ${command} --help\` for usage.`
}

/**
 * Runs the `redirectless` command line in-process: `argv` without the node and script paths, all
 * I/O through `io`. Resolves with the exit code (see {@link ExitCodes}); never calls
 * `process.exit`, so tests can run it with captured streams.
 *
 * @example
 * ```ts
 * import { PassThrough } from 'node:stream'
 * const stdout = new PassThrough()
 * const code = await main(['demo', '--yes'], { stdin: new PassThrough(), stdout, stderr: new PassThrough(), env: {} })
 * ```
 */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv
  const command = COMMANDS.find((c) => c.name === name)
  try {
    if (!command) {
      if (name === undefined || name.startsWith('-')) {
        const flags = parseFlags(argv, {
          help: { type: 'boolean', short: 'h', description: '' },
          version: { type: 'boolean', short: 'v', description: '' },
        })
        if (flags.version) return answerWith(io.stdout, version())
        if (flags.help || name === undefined) return answerWith(io.stdout, HELP)
      }
      throw new CliError('USAGE', `Unknown command: ${name}`, ExitCodes.USAGE)
    }
    return await command.run(rest, io)
  } catch (error) {
    const e = toCliError(error)
    writeLine(io.stderr, `error: ${e.message}`)
    // A pointer to the help, not the help itself: sixty lines of usage would scroll the error away.
    if (e.exitCode === ExitCodes.USAGE) writeLine(io.stderr, usageHint(command?.name))
    return e.exitCode
  }
}
