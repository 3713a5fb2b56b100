import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { cpus, loadavg, release, totalmem, type } from 'node:os'
import { dirname, join } from 'node:path'
import { ROOT } from './child.js'
import { packageEntries } from './entries.js'

export interface MachineInfo {
  readonly cpu: string
  readonly cores: number
  readonly memoryGiB: number
  readonly os: string
  readonly node: string
  readonly date: string
  /** `os.loadavg()` when the run started: other work on the machine skews every figure. */
  readonly loadAverage: readonly number[]
  readonly packages: readonly { readonly name: string; readonly version: string }[]
  readonly dependencies: readonly { readonly name: string; readonly version: string }[]
}

// The dependencies whose cost the figures mostly are.
const DEPENDENCIES = ['jose', 'xstate', 'tough-cookie', 'hono', 'esbuild', 'size-limit']

export function machineInfo(): MachineInfo {
  const packages = [...new Map(packageEntries().map((e) => [e.packageName, e.version]))].map(
    ([name, version]) => ({ name, version }),
  )
  return {
    cpu: cpus()[0]?.model.trim() ?? 'unknown',
    cores: cpus().length,
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    os: `${type()} ${release()}`,
    node: process.version,
    date: `${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`,
    loadAverage: loadavg(),
    packages,
    dependencies: DEPENDENCIES.map((name) => ({ name, version: dependencyVersion(name) })),
  }
}

/** The installed version, looked up from the package that depends on it. */
function dependencyVersion(name: string): string {
  for (const from of ['packages/core', 'packages/orchestrator', 'packages/emulator', '.']) {
    try {
      const require = createRequire(join(ROOT, from, 'package.json'))
      // Not every package exports ./package.json: walk up from its entry instead.
      let dir = dirname(require.resolve(name))
      while (dir !== dirname(dir)) {
        const file = join(dir, 'package.json')
        if (existsSync(file)) {
          const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version: string }
          if (pkg.name === name) return pkg.version
        }
        dir = dirname(dir)
      }
    } catch {
      // Not a dependency of this package (or no ./package.json export): try the next one.
    }
  }
  return '?'
}
