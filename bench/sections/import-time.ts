import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { ROOT, runNode } from '../lib/child.js'
import { type PackageEntry, packageEntries } from '../lib/entries.js'
import { median } from '../lib/stats.js'

export interface ImportTimeRow {
  readonly specifier: string
  /** A third-party dependency, timed alone for reference (what our entries' time is made of). */
  readonly dependency?: boolean
  /** The file Node loaded (its `node` export when it has one). */
  readonly file: string
  readonly samples: number[]
  readonly median: number
  readonly error?: string
}

// Only the `import()` is timed, inside the child: Node's own start-up is the same for every package.
const PROBE = `const started = performance.now()
await import(process.argv[1])
process.stdout.write(JSON.stringify({ ms: performance.now() - started }))`

/** Dependencies timed alone, each from a package that depends on it (pnpm's strict node_modules). */
const DEPENDENCIES = [
  { specifier: 'jose', from: 'packages/orchestrator' },
  { specifier: 'tough-cookie', from: 'packages/core' },
  { specifier: 'fetch-cookie', from: 'packages/core' },
  { specifier: 'ky', from: 'packages/core' },
  { specifier: 'xstate', from: 'packages/orchestrator' },
  { specifier: 'hono', from: 'packages/emulator' },
] as const

/**
 * Cold import of each built entry: a fresh `node` per measurement (no module cache, no JIT state),
 * resolving the package by name as an application would, so it gets the built `dist` files.
 * Round-robin over the entries, `runs` rounds, median per entry.
 */
export async function measureImportTimes(runs: number): Promise<ImportTimeRow[]> {
  const targets = [
    ...packageEntries().map((e: PackageEntry) => ({
      specifier: e.specifier,
      file: e.nodeDist ?? e.dist,
      // From its own directory a package imports itself by name (Node's self-reference), with the
      // conditions an application gets, and no workspace link is needed.
      cwd: e.dir,
      dependency: false,
    })),
    ...DEPENDENCIES.map((d) => ({
      specifier: d.specifier,
      file: '',
      cwd: join(ROOT, d.from),
      dependency: true,
    })),
  ]
  const samples = new Map<string, number[]>(targets.map((t) => [t.specifier, []]))
  const errors = new Map<string, string>()
  for (let round = 0; round < runs; round++) {
    for (const target of targets) {
      if (errors.has(target.specifier)) continue
      if (target.file && !existsSync(target.file)) {
        errors.set(
          target.specifier,
          `not built: ${target.file.replace(/^.*\/packages\/[^/]+\//, '')} is missing`,
        )
        continue
      }
      const result = await runNode(['--input-type=module', '-e', PROBE, target.specifier], {
        timeoutMs: 30_000,
        cwd: target.cwd,
      })
      if (result.code !== 0) {
        errors.set(
          target.specifier,
          result.stderr
            .trim()
            .split('\n')
            .find((l) => /Error/.test(l)) ?? 'failed',
        )
        continue
      }
      samples.get(target.specifier)?.push((JSON.parse(result.stdout) as { ms: number }).ms)
    }
  }
  return targets.map((target) => {
    const values = samples.get(target.specifier) ?? []
    const error = errors.get(target.specifier)
    return {
      specifier: target.specifier,
      ...(target.dependency && { dependency: true }),
      file: target.file,
      samples: values,
      median: median(values),
      ...(error !== undefined && { error }),
    }
  })
}
