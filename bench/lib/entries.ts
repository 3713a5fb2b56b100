import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { ROOT } from './child.js'

/** A public entry point: `@redirectless/pingone/jwt` and the files it resolves to. */
export interface PackageEntry {
  readonly specifier: string
  readonly packageName: string
  readonly version: string
  readonly dir: string
  /** The `default` target of the export (the built file browsers and bundlers get). */
  readonly dist: string
  /** The `node` condition's target, when Node gets another file. */
  readonly nodeDist?: string
}

type ExportTarget = string | { readonly [condition: string]: ExportTarget }

function pick(target: ExportTarget | undefined, conditions: readonly string[]): string | undefined {
  if (target === undefined || typeof target === 'string') return target
  for (const [condition, next] of Object.entries(target)) {
    if (condition === 'default' || conditions.includes(condition)) {
      const found = pick(next, conditions)
      if (found) return found
    }
  }
  return undefined
}

/** Every export of every package under packages/ (except `./package.json`), read from package.json. */
export function packageEntries(): PackageEntry[] {
  const entries: PackageEntry[] = []
  const packages = join(ROOT, 'packages')
  for (const name of readdirSync(packages).sort()) {
    const file = join(packages, name, 'package.json')
    if (!existsSync(file)) continue
    const pkg = JSON.parse(readFileSync(file, 'utf8')) as {
      name: string
      version: string
      private?: boolean
      exports?: Record<string, ExportTarget>
    }
    if (pkg.private || !pkg.exports) continue
    for (const [subpath, target] of Object.entries(pkg.exports)) {
      if (subpath === './package.json') continue
      const dist = pick(target, ['import'])
      const nodeDist = pick(target, ['node', 'import'])
      if (!dist) continue
      entries.push({
        specifier: subpath === '.' ? pkg.name : `${pkg.name}/${subpath.slice(2)}`,
        packageName: pkg.name,
        version: pkg.version,
        dir: join(packages, name),
        dist: join(packages, name, dist),
        ...(nodeDist && nodeDist !== dist && { nodeDist: join(packages, name, nodeDist) }),
      })
    }
  }
  return entries
}

/**
 * Entries that may use Node built-ins: the tough-cookie jar, the emulator (an HTTP server), the CLI
 * and the Redis store (a server's adapter over node-redis, itself a Node client). Every other entry
 * must load in browsers, React Native and Deno.
 */
export const NODE_ONLY: ReadonlySet<string> = new Set([
  '@redirectless/core/cookies',
  '@redirectless/emulator',
  '@redirectless/cli',
  '@redirectless/store-redis',
])
