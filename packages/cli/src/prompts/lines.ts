import { createInterface } from 'node:readline'
import { CliError } from '../errors.js'
import { ExitCodes } from '../exit-codes.js'
import type { CliInput, CliOutput } from '../io.js'
import type { Spinner } from '../render/spinner.js'
import type { Prompter } from './prompter.js'

/**
 * The {@link Prompter} for a pipe: each prompt is a line on `output` (stderr, so stdout stays
 * clean for `--json`) and each answer a line of `input`. Input that ends before the login does is
 * `INPUT_CLOSED` (exit 2), so a script that forgot to feed a code never hangs.
 */
export function linePrompter(input: CliInput, output: CliOutput, signal: AbortSignal): Prompter {
  const lines: string[] = []
  const waiters: { resolve: (line: string) => void; reject: (error: Error) => void }[] = []
  let closed = false
  const reader = createInterface({ input, terminal: false })
  reader.on('line', (line) => {
    const waiter = waiters.shift()
    if (waiter) waiter.resolve(line)
    else lines.push(line)
  })
  const closedError = () =>
    new CliError(
      'INPUT_CLOSED',
      'Standard input ended while a prompt was waiting; run in a terminal, or feed every answer on stdin',
      ExitCodes.USAGE,
    )
  reader.on('close', () => {
    closed = true
    for (const waiter of waiters.splice(0)) waiter.reject(closedError())
  })
  signal.addEventListener(
    'abort',
    () => {
      for (const waiter of waiters.splice(0))
        waiter.reject(new CliError('INTERRUPTED', 'Interrupted', ExitCodes.INTERRUPTED))
      reader.close()
    },
    { once: true },
  )

  const ask = (question: string): Promise<string> => {
    output.write(`${question} `)
    const queued = lines.shift()
    if (queued !== undefined) {
      output.write('\n')
      return Promise.resolve(queued.trim())
    }
    if (closed) return Promise.reject(closedError())
    return new Promise<string>((resolve, reject) => waiters.push({ resolve, reject })).then((line) => {
      // The answer is not echoed: on a pipe it would be the only copy of a secret in the log.
      output.write('\n')
      return line.trim()
    })
  }
  const say = (prefix: string) => (message: string) => output.write(`${prefix} ${message}\n`)
  const spinner = (message: string): Spinner => {
    output.write(`… ${message}\n`)
    return {
      message: (text) => output.write(`… ${text}\n`),
      stop: (text) => {
        if (text) output.write(`${text}\n`)
      },
    }
  }

  return {
    tty: false,
    text: (message, opts = {}) =>
      ask(`${message}${opts.initial ? ` [${opts.initial}]` : ''}:`).then((v) => v || opts.initial || ''),
    secret: (message) => ask(`${message}:`),
    async select(message, choices) {
      output.write(`${message}\n`)
      for (const [i, c] of choices.entries())
        output.write(`  ${i + 1}) ${c.label}${c.hint ? ` (${c.hint})` : ''}\n`)
      for (;;) {
        const answer = await ask(`Choose 1-${choices.length}:`)
        const chosen = choices[Number(answer) - 1]
        if (chosen) return chosen.value
        output.write(`Not a choice: ${answer}\n`)
      }
    },
    async confirm(message, initial = true) {
      const answer = (await ask(`${message} [${initial ? 'Y/n' : 'y/N'}]`)).toLowerCase()
      return answer === '' ? initial : answer.startsWith('y')
    },
    note: (body, title) => output.write(`${title}: ${body}\n`),
    info: say('i'),
    success: say('✔'),
    warn: say('!'),
    error: say('✖'),
    wait: spinner,
    close: () => reader.close(),
  }
}
