import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { beforeAll, describe, expect, it } from 'vitest'
import { type CellOutcome, cellsFor, checkCell, named, PRODUCTS } from './fault-matrix/cells.js'

interface ChildReport {
  readonly outcomes: Record<string, CellOutcome | { crashed: string }>
  readonly rejections: readonly string[]
  readonly matrixMs: number
}

// How long the child may take to exit once it has printed its report. Keep-alive sockets of the
// platform's fetch close with the emulator's servers, and the longest timer a cell can leave (the
// emulator's 1.5 s latency, if the client's abort did not reach it) is shorter than this.
const EXIT_DEADLINE_MS = 3_000
const CHILD_DEADLINE_MS = 100_000

let report: ChildReport
let exit: { code: number | null; signal: NodeJS.Signals | null; afterReportMs: number }
let stderr = ''

beforeAll(async () => {
  const child = spawn(
    process.execPath,
    [
      '--conditions=@redirectless/source',
      '--import',
      'tsx',
      fileURLToPath(new URL('./fault-matrix/http-child.ts', import.meta.url)),
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  )
  let stdout = ''
  let reportedAt = 0
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString()
    if (!reportedAt && stdout.endsWith('\n')) reportedAt = performance.now()
  })
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString()
  })
  const killer = setTimeout(() => child.kill('SIGKILL'), CHILD_DEADLINE_MS)
  const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) =>
    child.on('close', (c, s) => resolve([c, s])),
  )
  clearTimeout(killer)
  exit = { code, signal, afterReportMs: reportedAt ? performance.now() - reportedAt : Number.NaN }
  report = JSON.parse(stdout) as ChildReport
}, CHILD_DEADLINE_MS + 5_000)

describe('fault matrix over loopback HTTP (a child process)', () => {
  it('ran to its end, then exited by itself: no timer, socket or stream left open', () => {
    expect(stderr).toBe('')
    expect({ code: exit.code, signal: exit.signal }).toEqual({ code: 0, signal: null })
    expect(exit.afterReportMs).toBeLessThan(EXIT_DEADLINE_MS)
  })

  it('saw no unhandled rejection', () => {
    expect(report.rejections).toEqual([])
  })

  describe.each(PRODUCTS)('%s client', (product) => {
    it.for(named(cellsFor(product)))('%s', ([name, cell], { expect }) => {
      const outcome = report.outcomes[`${product}: ${name}`]
      if (outcome && 'crashed' in outcome) throw new Error(outcome.crashed)
      checkCell(expect, cell, outcome)
    })
  })
})
