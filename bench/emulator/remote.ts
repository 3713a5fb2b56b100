import { type ChildProcessByStdio, spawn } from 'node:child_process'
import { createInterface } from 'node:readline'
import type { Readable, Writable } from 'node:stream'
import { fileURLToPath } from 'node:url'
import type { Target } from './target.js'

/** An emulator running in a child process over loopback HTTP (see `process.ts`). */
export interface RemoteEmulator {
  readonly target: Target
  readonly pid: number
  /** The child's `process.cpuUsage()` now. */
  cpu(): Promise<NodeJS.CpuUsage>
  close(): Promise<void>
}

const ENTRY = fileURLToPath(new URL('./process.ts', import.meta.url))
const READY_TIMEOUT_MS = 30_000

/** Starts the emulator child with `users` generated users besides the default ones. */
export async function spawnEmulator(options: { readonly users?: number } = {}): Promise<RemoteEmulator> {
  const child: ChildProcessByStdio<Writable, Readable, null> = spawn(
    process.execPath,
    ['--conditions=@redirectless/source', '--import', 'tsx', ENTRY, String(options.users ?? 0)],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  )
  const waiting: ((message: Record<string, unknown>) => void)[] = []
  let exited: Error | undefined
  const lines = createInterface({ input: child.stdout })
  lines.on('line', (line) => {
    const message = JSON.parse(line) as Record<string, unknown>
    waiting.shift()?.(message)
  })
  const next = () =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      if (exited) return reject(exited)
      waiting.push(resolve)
    })
  const gone = new Promise<never>((_, reject) => {
    child.once('exit', (code) => {
      exited = new Error(`the emulator process exited (${code})`)
      reject(exited)
    })
  })
  gone.catch(() => {})
  let timer: NodeJS.Timeout | undefined
  const ready = await Promise.race([
    next(),
    gone,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('the emulator process did not start')), READY_TIMEOUT_MS)
    }),
  ]).finally(() => clearTimeout(timer))
  if (ready.type !== 'ready')
    throw new Error(`unexpected first line from the emulator: ${JSON.stringify(ready)}`)

  return {
    target: ready.target as Target,
    pid: ready.pid as number,
    async cpu() {
      const answer = next()
      child.stdin.write('cpu\n')
      const message = await Promise.race([answer, gone])
      return message.usage as NodeJS.CpuUsage
    },
    async close() {
      if (exited) return
      const done = new Promise<void>((resolve) => child.once('exit', () => resolve()))
      child.stdin.end()
      await done
    },
  }
}
