/**
 * A body stream made on demand, `chunk` bytes at a time, `total` bytes in all, that counts what was
 * pulled from it: a test sees how much the emulator read before it stopped.
 */
export function lazyBody(
  total: number,
  chunk = 16 * 1024,
): { stream: ReadableStream<Uint8Array>; pulled: () => number } {
  let pulled = 0
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (pulled >= total) return controller.close()
        const size = Math.min(chunk, total - pulled)
        pulled += size
        controller.enqueue(new Uint8Array(size).fill(0x61))
      },
    },
    { highWaterMark: 0 },
  )
  return { stream, pulled: () => pulled }
}

/** A body that sends one byte, then nothing more, ever. */
export function trickle(): ReadableStream<Uint8Array> {
  let sent = false
  return new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (sent) return new Promise<void>(() => {})
        sent = true
        controller.enqueue(new Uint8Array([0x61]))
      },
    },
    { highWaterMark: 0 },
  )
}
