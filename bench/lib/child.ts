import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'

/** The repository root (bench/ sits directly under it). */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url))

/** Node flags that run a bench TypeScript file against the packages' sources, as `pnpm bench` does. */
export const TSX_FLAGS = ['--conditions=@redirectless/source', '--import', 'tsx'] as const

export interface ChildResult {
  readonly code: number | null
  readonly stdout: string
  readonly stderr: string
}

/** Runs `node …args` from the repository root; rejects if it outlives `timeoutMs` (then it is killed). */
export function runNode(
  args: readonly string[],
  options: { readonly timeoutMs: number; readonly cwd?: string },
): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      cwd: options.cwd ?? ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk
    })
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk
    })
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`node ${args.join(' ')} took longer than ${options.timeoutMs} ms`))
    }, options.timeoutMs)
    child.once('error', (error) => {
      clearTimeout(timer)
      reject(error)
    })
    child.once('close', (code) => {
      clearTimeout(timer)
      resolve({ code, stdout, stderr })
    })
  })
}

/** The last line of a child's stdout, parsed as JSON (children print their result last). */
export function lastJsonLine<T>(result: ChildResult, what: string): T {
  const line = result.stdout.trim().split('\n').pop()
  if (result.code !== 0 || !line) {
    throw new Error(`${what} failed (exit ${result.code}): ${result.stderr.trim().slice(-2000)}`)
  }
  return JSON.parse(line) as T
}
