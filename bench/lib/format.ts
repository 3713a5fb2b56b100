/** Markdown helpers for docs/benchmarks.md. */
export const table = (head: readonly string[], rows: readonly (readonly string[])[]): string =>
  [
    `| ${head.join(' | ')} |`,
    `|${head.map(() => '---').join('|')}|`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n')

export const ms = (value: number, digits = 2): string =>
  Number.isFinite(value) ? `${value.toFixed(digits)} ms` : '—'

export const ratio = (value: number): string => (Number.isFinite(value) ? `${value.toFixed(2)}×` : '—')

/** Bytes as kB (1 kB = 1000 B, size-limit's unit) with the exact count beside it. */
export const kb = (bytes: number): string =>
  Number.isFinite(bytes) ? `${(bytes / 1000).toFixed(2)} kB` : '—'

export const mark = (ok: boolean | undefined): string => (ok === undefined ? '—' : ok ? '✅' : '❌')

export const int = (value: number): string => Math.round(value).toLocaleString('en-US')
