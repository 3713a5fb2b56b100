// Run by fault-matrix-http.test.ts in a child process: the whole fault matrix against the emulator
// over loopback HTTP with the platform's fetch (real sockets, real resets). It prints every cell's
// outcome as one JSON line and then does nothing more: it must exit by itself. An exit that does not
// come means a timer, a socket or a stream was left behind.
import { startEmulator } from '@redirectless/emulator'
import { mapPool } from '../support/seeded.js'
import {
  type CellOutcome,
  cellsFor,
  emulatorPool,
  MATRIX_EMULATOR,
  PRODUCTS,
  runCell,
  warmEmulator,
} from './cells.js'

const SIDE_BY_SIDE = 16
const rejections: string[] = []
process.on('unhandledRejection', (reason) => {
  rejections.push(String((reason as Error)?.stack ?? reason))
})

const started = performance.now()
const outcomes: Record<string, CellOutcome | { crashed: string }> = {}
const key = (product: string, name: string) => `${product}: ${name}`
const run = async (emu: Parameters<typeof runCell>[1], cell: ReturnType<typeof cellsFor>[number]) => {
  try {
    outcomes[key(cell.product, cell.name)] = await runCell(cell, emu, globalThis.fetch)
  } catch (error) {
    outcomes[key(cell.product, cell.name)] = { crashed: String((error as Error)?.stack ?? error) }
  }
}

const pool = emulatorPool(() => startEmulator(MATRIX_EMULATOR).then(warmEmulator), SIDE_BY_SIDE)
const prewarmed = pool.prewarm()
for (const product of PRODUCTS) {
  const emu = await warmEmulator(await startEmulator(MATRIX_EMULATOR))
  for (const cell of cellsFor(product).filter((c) => !c.slow)) await run(emu, cell)
  await emu.close()
}
await prewarmed
const slow = PRODUCTS.flatMap((product) => cellsFor(product).filter((c) => c.slow))
await mapPool(slow, SIDE_BY_SIDE, (cell) => pool.use((emu) => run(emu, cell)))
await pool.close()

process.stdout.write(
  `${JSON.stringify({ outcomes, rejections, matrixMs: Math.round(performance.now() - started) })}\n`,
)
