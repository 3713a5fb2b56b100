import * as clack from '@clack/prompts'
import { CliError } from '../errors.js'
import { ExitCodes } from '../exit-codes.js'
import type { CliInput, CliOutput } from '../io.js'
import { startSpinner } from '../render/spinner.js'
import type { Prompter } from './prompter.js'

export interface ClackPrompterOptions {
  readonly input: CliInput
  readonly output: CliOutput
  /** Cancels the prompt on screen (deadline, Ctrl-C outside raw mode). */
  readonly signal: AbortSignal
  /** Called when the user presses Ctrl-C while a spinner reads keys. */
  readonly onInterrupt: () => void
}

function answered<T>(value: T): Exclude<T, symbol> {
  if (clack.isCancel(value))
    throw new CliError('INTERRUPTED', 'Cancelled at the prompt', ExitCodes.INTERRUPTED)
  return value as Exclude<T, symbol>
}

/** The terminal {@link Prompter}: clack's prompts, on the streams the CLI was given. */
export function clackPrompter(options: ClackPrompterOptions): Prompter {
  const common = { input: options.input, output: options.output, signal: options.signal }
  return {
    tty: true,
    async text(message, opts = {}) {
      return answered(
        await clack.text({
          ...common,
          message,
          ...(opts.initial !== undefined && { initialValue: opts.initial }),
          ...(opts.placeholder !== undefined && { placeholder: opts.placeholder }),
        }),
      ).trim()
    },
    async secret(message, opts = {}) {
      return answered(
        await clack.password({ ...common, message: opts.hint ? `${message} (${opts.hint})` : message }),
      )
    },
    async select(message, choices) {
      return answered(
        await clack.select({
          ...common,
          message,
          // clack's option type depends on the value type; the labels are always given here.
          options: choices.map((c) => ({
            value: c.value,
            label: c.label,
            ...(c.hint !== undefined && { hint: c.hint }),
          })) as Parameters<typeof clack.select>[0]['options'],
        }),
      ) as never
    },
    async confirm(message, initial = true) {
      return answered(await clack.confirm({ ...common, message, initialValue: initial }))
    },
    note: (body, title) => clack.note(body, title, { output: options.output }),
    info: (message) => clack.log.info(message, { output: options.output }),
    success: (message) => clack.log.success(message, { output: options.output }),
    warn: (message) => clack.log.warn(message, { output: options.output }),
    error: (message) => clack.log.error(message, { output: options.output }),
    wait(message, opts = {}) {
      const keys = opts.keys ? Object.entries(opts.keys) : []
      const legend = keys.map(([key, what]) => `[${key}] ${what}`).join('  ')
      return startSpinner(legend ? `${message}  ${legend}` : message, {
        output: options.output,
        input: options.input,
        onInterrupt: options.onInterrupt,
        ...(opts.onKey && { onKey: opts.onKey }),
      })
    },
    close() {
      // clack leaves stdin flowing after its last prompt; pausing it lets the process exit.
      options.input.pause()
    },
  }
}
