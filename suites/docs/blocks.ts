import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'

/** The repository root (this file is suites/docs/blocks.ts). */
export const ROOT = join(import.meta.dirname, '..', '..')

/** A fenced TypeScript block of a Markdown file. */
export interface DocBlock {
  /** `docs/pingone.md#3`: the file, relative to the root, and the block's number in it (from 1). */
  readonly id: string
  readonly file: string
  readonly line: number
  readonly code: string
  /**
   * A fragment says so on its first line (`// fragment…`), visibly to readers: it continues an
   * example and names things defined around it, so it is type-checked, not run.
   */
  readonly fragment: boolean
  /** `console.log(x) // → text`: what the block promises to print, in order. */
  readonly expected: readonly string[]
}

/** The Markdown files whose examples are a product: the README, docs/ and every package's README. */
export function documentationFiles(): string[] {
  const docs = readdirSync(join(ROOT, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => join(ROOT, 'docs', name))
  const packages = readdirSync(join(ROOT, 'packages'))
    .map((name) => join(ROOT, 'packages', name, 'README.md'))
    .filter((file) => {
      try {
        readFileSync(file)
        return true
      } catch {
        return false
      }
    })
  return [join(ROOT, 'README.md'), ...docs, ...packages]
}

const FENCE = /^```(ts|typescript|tsx)\s*$/

/** Every ```ts block of `file`, in order. */
export function blocksOf(file: string): DocBlock[] {
  const lines = readFileSync(file, 'utf8').split('\n')
  const blocks: DocBlock[] = []
  for (let i = 0; i < lines.length; i++) {
    if (!FENCE.test(lines[i] ?? '')) continue
    const start = i + 1
    let end = start
    while (end < lines.length && !/^```\s*$/.test(lines[end] ?? '')) end++
    const code = lines.slice(start, end).join('\n')
    const name = relative(ROOT, file)
    blocks.push({
      id: `${name}#${blocks.length + 1}`,
      file: name,
      line: start + 1,
      code,
      fragment: /^\s*\/\/\s*fragment\b/i.test(lines[start] ?? ''),
      expected: [...code.matchAll(/console\.log\(.*\/\/\s*→\s*(.+)$/gm)].map((m) => (m[1] ?? '').trim()),
    })
    i = end
  }
  return blocks
}
