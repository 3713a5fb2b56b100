import { spawn } from 'node:child_process'
import { PassThrough } from 'node:stream'
import { fileURLToPath } from 'node:url'
import { stripVTControlCharacters } from 'node:util'
import { type CliIo, main } from '../src/index.js'

/** The monorepo root: where `node --conditions=@redirectless/source --import tsx packages/cli/src/bin.ts` runs. */
export const ROOT = fileURLToPath(new URL('../../../', import.meta.url))
export const BIN = [
  '--conditions=@redirectless/source',
  '--import',
  'tsx',
  'packages/cli/src/bin.ts',
] as const

/** A stream that collects what is written to it, optionally pretending to be a terminal. */
export function capture(tty = false) {
  const stream = new PassThrough() as PassThrough & { isTTY?: boolean; columns?: number }
  if (tty) Object.assign(stream, { isTTY: true, columns: 100, rows: 40 })
  let text = ''
  stream.on('data', (chunk: Buffer) => {
    text += chunk.toString()
  })
  return Object.assign(stream, {
    text: () => stripVTControlCharacters(text),
  })
}

/** A stdin the test writes to; `tty` makes the CLI treat it as a keyboard. */
export function input(tty = false) {
  const stream = new PassThrough() as PassThrough & { isTTY?: boolean; setRawMode?: (raw: boolean) => void }
  if (tty) Object.assign(stream, { isTTY: true, setRawMode: () => stream })
  return stream
}

export interface RunOptions {
  readonly env?: Record<string, string | undefined>
  readonly stdin?: ReturnType<typeof input>
  readonly tty?: boolean
  readonly interrupt?: AbortSignal
}

/** Runs `main()` in-process with captured streams. */
export function run(argv: readonly string[], options: RunOptions = {}) {
  const stdin = options.stdin ?? input(options.tty)
  if (!options.stdin && !options.tty) stdin.end()
  const stdout = capture(options.tty)
  const stderr = capture(false)
  const io: CliIo = { stdin, stdout, stderr, env: options.env ?? {}, interrupt: options.interrupt }
  const done = main(argv, io)
  return {
    stdin,
    stdout,
    stderr,
    done: done.then((code) => ({ code, stdout: stdout.text(), stderr: stderr.text() })),
  }
}

/** Resolves once `read()` matches `pattern` (polling), with the match. */
export async function waitFor(
  read: () => string,
  pattern: RegExp,
  timeoutMs = 10_000,
): Promise<RegExpMatchArray> {
  const started = Date.now()
  for (;;) {
    const match = read().match(pattern)
    if (match) return match
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${pattern}; got:\n${read()}`)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

/** A spawned `redirectless` process (through `node --import tsx`, no build needed). */
export function spawnCli(
  args: readonly string[],
  options: { env?: Record<string, string>; pty?: boolean } = {},
) {
  const command = ['node', ...BIN, ...args].join(' ')
  // util-linux `script` gives the child a pseudo-terminal; its size must be set or clack wraps at 1 column.
  const child = options.pty
    ? spawn('script', ['-qfec', `stty cols 120 rows 40; exec ${command}`, '/dev/null'], {
        cwd: ROOT,
        env: { ...process.env, ...options.env },
      })
    : spawn('node', [...BIN, ...args], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1', ...options.env } })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString()
  })
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString()
  })
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)))
  return {
    child,
    stdout: () => stripVTControlCharacters(stdout),
    stderr: () => stripVTControlCharacters(stderr),
    exited,
  }
}

/** Things that must never be printed: the demo password, signed JWTs, token fields. */
export function expectNoSecrets(text: string, extra: readonly string[] = []): void {
  const leaks = [
    '2FederateM0re',
    /eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+/.exec(text)?.[0],
    /"(access_token|id_token|refresh_token)"/.exec(text)?.[0],
    /\b(PF|ST)=[^\s;]+/.exec(text)?.[0],
    ...extra,
  ].filter((leak): leak is string => typeof leak === 'string' && leak !== '' && text.includes(leak))
  if (leaks.length > 0) throw new Error(`secret printed: ${leaks.join(', ')}`)
}

/** Six-digit runs standing alone, i.e. anything that looks like an OTP. */
export function otpLike(text: string): string[] {
  return text.match(/(?<![\w.:-])\d{6}(?![\w.:-])/g) ?? []
}
