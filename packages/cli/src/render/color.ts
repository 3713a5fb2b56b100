import { styleText } from 'node:util'
import type { CliOutput } from '../io.js'

type Style = 'bold' | 'dim' | 'green' | 'red' | 'yellow' | 'cyan' | 'gray' | 'magenta'

/** Styles text when `out` is a terminal and `NO_COLOR` is unset; plain text otherwise (pipes, files, CI logs). */
export function painter(out: CliOutput, env: Readonly<Record<string, string | undefined>>) {
  const on = out.isTTY === true && !env.NO_COLOR && env.TERM !== 'dumb'
  return (style: Style, text: string): string => (on ? styleText(style, text) : text)
}

export type Paint = ReturnType<typeof painter>
