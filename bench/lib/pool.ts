/**
 * Runs `task(i)` for i in [0, count) with at most `concurrency` in flight; resolves when all have
 * settled, with the errors (bounded: at most `count` tasks ever start).
 */
export async function runPool(
  count: number,
  concurrency: number,
  task: (index: number, worker: number) => Promise<void>,
): Promise<unknown[]> {
  const errors: unknown[] = []
  let next = 0
  const worker = async (id: number) => {
    while (next < count) {
      const index = next++
      try {
        await task(index, id)
      } catch (error) {
        errors.push(error)
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, (_, id) => worker(id)))
  return errors
}
