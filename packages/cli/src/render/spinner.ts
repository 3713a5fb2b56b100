import { emitKeypressEvents } from 'node:readline'
import type { CliInput, CliOutput } from '../io.js'

/** A running spinner: change its message, then stop it with a final line. */
export interface Spinner {
  message(text: string): void
  stop(text?: string): void
}

export interface SpinnerOptions {
  readonly output: CliOutput
  /** Read single keys from this input while spinning (raw mode when it is a terminal). */
  readonly input?: CliInput | undefined
  /** Called with the key's name (`a`, `d`, …) for every key but Ctrl-C. */
  readonly onKey?: ((name: string) => void) | undefined
  /** Called on Ctrl-C: in raw mode the terminal sends it as a key, not as SIGINT. */
  readonly onInterrupt?: (() => void) | undefined
}

const FRAMES = ['◒', '◐', '◓', '◑']

/**
 * A one-line spinner that also listens for keys, which clack's spinner cannot do (it takes over
 * `process.stdin` and exits 0 on Ctrl-C). On a non-terminal output it prints the message once.
 */
export function startSpinner(text: string, options: SpinnerOptions): Spinner {
  const { output, input } = options
  const tty = output.isTTY === true
  let current = text
  let frame = 0
  let stopped = false
  const draw = () => output.write(`\r\x1b[2K${FRAMES[frame++ % FRAMES.length]}  ${current}`)
  if (tty) {
    output.write('\x1b[?25l')
    draw()
  } else output.write(`${text}\n`)
  const timer = tty ? setInterval(draw, 100) : undefined

  const onKeypress = (_: string, key: { name?: string; ctrl?: boolean; sequence?: string } | undefined) => {
    if (key?.ctrl && key.name === 'c') options.onInterrupt?.()
    else if (key?.name) options.onKey?.(key.name)
  }
  const listening = input !== undefined && (options.onKey !== undefined || options.onInterrupt !== undefined)
  if (listening) {
    emitKeypressEvents(input)
    if (input.isTTY) input.setRawMode?.(true)
    input.on('keypress', onKeypress)
    input.resume()
  }

  return {
    message(next) {
      if (stopped) return
      current = next
      if (tty) draw()
      else output.write(`${next}\n`)
    },
    stop(last) {
      if (stopped) return
      stopped = true
      if (timer) clearInterval(timer)
      if (tty) output.write(`\r\x1b[2K\x1b[?25h${last ? `${last}\n` : ''}`)
      else if (last) output.write(`${last}\n`)
      if (listening) {
        input.off('keypress', onKeypress)
        if (input.isTTY) input.setRawMode?.(false)
        input.pause()
      }
    },
  }
}
