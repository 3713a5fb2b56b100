import { fileURLToPath } from 'node:url'
import { lastJsonLine, runNode, TSX_FLAGS } from '../lib/child.js'

export interface MemoryResult {
  readonly flows: number
  /** PingOne flows parked at OTP_REQUIRED through the client alone. */
  readonly pingOne: {
    readonly flows: number
    readonly heapPerFlow: number
    readonly jsonBytes: number
    readonly seconds: number
  }
  /** Hybrid login actors parked at PingOne's OTP_REQUIRED. */
  readonly hybrid: {
    readonly heapPerFlow: number
    readonly snapshotBytes: number
    /** One snapshot taken apart, bytes per part. */
    readonly snapshotParts: readonly { readonly part: string; readonly bytes: number }[]
    readonly seconds: number
  }
}

const ENTRY = fileURLToPath(new URL('./memory-process.ts', import.meta.url))

/** Runs the memory measurement in a fresh process with `--expose-gc`, so nothing else is on its heap. */
export async function measureMemory(actors: number, flows: number): Promise<MemoryResult> {
  const result = await runNode(['--expose-gc', ...TSX_FLAGS, ENTRY, String(actors), String(flows)], {
    timeoutMs: 300_000,
  })
  return lastJsonLine<MemoryResult>(result, 'the memory benchmark')
}
