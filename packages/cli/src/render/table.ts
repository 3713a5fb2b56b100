import { stripVTControlCharacters } from 'node:util'

// Colour codes take no room on screen: measure without them.
const width = (cell: string) => stripVTControlCharacters(cell).length

/** Lays rows out in columns, each as wide as its widest cell; the first row is the header. */
export function table(rows: readonly (readonly string[])[], indent = '  '): string {
  const widths: number[] = []
  for (const row of rows) {
    for (const [i, cell] of row.entries()) widths[i] = Math.max(widths[i] ?? 0, width(cell))
  }
  return rows
    .map((row) =>
      (
        indent +
        row
          .map((cell, i) =>
            i === row.length - 1 ? cell : cell + ' '.repeat((widths[i] ?? 0) + 2 - width(cell)),
          )
          .join('')
      ).trimEnd(),
    )
    .join('\n')
}
