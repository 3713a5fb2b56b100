/**
 * The size targets the product promises (issue: benchmarks, size budgets), by size-limit entry
 * name, in bytes (1 kB = 1000 B). `.size-limit.cjs` gates CI at exactly these for the four entries.
 */
export const SIZE_TARGETS: Readonly<Record<string, number>> = {
  '@redirectless/pingfederate (browser client)': 12_000,
  '@redirectless/pingone (browser client)': 14_000,
  '@redirectless/pingone/jwt (JWT builders)': 4_000,
  'hybrid browser stack (orchestrator + both clients + xstate)': 28_000,
}
