/** Order statistics over a sample; nearest-rank, so every figure is a value that was observed. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN
  const sorted = [...values].sort((a, b) => a - b)
  const rank = Math.ceil((p / 100) * sorted.length)
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] as number
}

export const median = (values: readonly number[]): number => percentile(values, 50)

export const sum = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0)

export const mean = (values: readonly number[]): number =>
  values.length === 0 ? Number.NaN : sum(values) / values.length

/** Milliseconds of CPU (user + system) between two `process.cpuUsage()` readings. */
export function cpuMs(before: NodeJS.CpuUsage, after: NodeJS.CpuUsage): number {
  return (after.user - before.user + after.system - before.system) / 1000
}
