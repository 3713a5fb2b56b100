import { createEmulator } from '@redirectless/emulator'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import {
  cellsFor,
  checkCell,
  emulatorPool,
  MATRIX_EMULATOR,
  named,
  PRODUCTS,
  runCell,
  warmEmulator,
} from './fault-matrix/cells.js'
import { activeResources, countUnhandledRejections, leakedSince } from './support/process-guards.js'

// The slow cells spend most of their time waiting (a timeout, a Retry-After, a poll's pace), so many
// of them fit side by side on two cores.
const SIDE_BY_SIDE = 16
vi.setConfig({ maxConcurrency: SIDE_BY_SIDE })

const rejections = countUnhandledRejections()
const pool = emulatorPool(() => warmEmulator(createEmulator(MATRIX_EMULATOR)), SIDE_BY_SIDE)
let baseline: Map<string, number>
let prewarmed: Promise<void>

beforeAll(() => {
  baseline = activeResources()
  // The slow cells' emulators make their keys while the quick cells run.
  prewarmed = pool.prewarm()
})

afterAll(async () => {
  await pool.close()
  rejections.dispose()
  expect(rejections.reasons, 'unhandled rejections during the matrix').toEqual([])
  // Every timer (ky's timeouts, retry delays, the emulator's latency) and every stream is gone.
  expect(await leakedSince(baseline), 'handles left open after the matrix').toEqual({})
})

describe.each(PRODUCTS)(
  '%s client, in-process: quick cells, one after another on one emulator',
  (product) => {
    // Faults are emulator-wide, so cells sharing an emulator must not overlap.
    const emu = createEmulator(MATRIX_EMULATOR)
    beforeAll(() => warmEmulator(emu))
    it.for(named(cellsFor(product).filter((c) => !c.slow)))('%s', async ([, cell], { expect }) => {
      checkCell(expect, cell, await runCell(cell, emu, emu.fetch))
    })
  },
)

describe.concurrent('in-process: slow cells (timeouts, Retry-After waits, polls), side by side', () => {
  beforeAll(() => prewarmed)
  describe.each(PRODUCTS)('%s client', (product) => {
    it.for(named(cellsFor(product).filter((c) => c.slow)))('%s', async ([, cell], { expect }) => {
      checkCell(expect, cell, await pool.use((emu) => runCell(cell, emu, emu.fetch)))
    })
  })
})
