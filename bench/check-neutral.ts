/**
 * Checks that every entry meant for browsers, React Native and Deno imports no Node built-in:
 * bundles each built entry with esbuild's `neutral` platform under each of those runtimes' export
 * conditions and fails on any `node:*` or bare built-in import (`fs`, `crypto`, …) anywhere in the
 * graph, dependencies included. Node-only entries are listed in bench/lib/entries.ts.
 *
 * Usage: pnpm check:neutral (after pnpm build)
 */
import { existsSync } from 'node:fs'
import { builtinModules } from 'node:module'
import { relative } from 'node:path'
import { build, type Plugin } from 'esbuild'
import { ROOT } from './lib/child.js'
import { NODE_ONLY, packageEntries } from './lib/entries.js'

const RUNTIMES = [
  { name: 'browser', conditions: ['browser', 'import', 'module'] },
  { name: 'react-native', conditions: ['react-native', 'import', 'module'] },
  { name: 'deno', conditions: ['deno', 'import', 'module'] },
] as const

const BUILTINS = new Set(builtinModules.flatMap((m) => [m, m.split('/')[0] as string]))
const isBuiltin = (path: string) =>
  path.startsWith('node:') || BUILTINS.has(path) || BUILTINS.has(path.split('/')[0] ?? '')

export interface Finding {
  readonly entry: string
  readonly runtime: string
  readonly problem: string
}

/** Records Node built-in imports instead of resolving them, so one run lists them all. */
function builtinCatcher(found: Set<string>): Plugin {
  return {
    name: 'node-builtins',
    setup(build) {
      build.onResolve({ filter: /.*/ }, (args) => {
        if (args.kind === 'entry-point' || !isBuiltin(args.path)) return undefined
        found.add(`${args.path} (imported by ${relative(ROOT, args.importer) || args.importer})`)
        return { path: args.path, external: true }
      })
    },
  }
}

export async function checkNeutral(): Promise<{ checked: string[]; findings: Finding[] }> {
  const entries = packageEntries().filter((e) => !NODE_ONLY.has(e.specifier))
  const findings: Finding[] = []
  for (const entry of entries) {
    if (!existsSync(entry.dist)) {
      findings.push({
        entry: entry.specifier,
        runtime: '-',
        problem: `not built (${relative(ROOT, entry.dist)}); run pnpm build`,
      })
      continue
    }
    for (const runtime of RUNTIMES) {
      const found = new Set<string>()
      try {
        await build({
          stdin: {
            contents: `export * from ${JSON.stringify(entry.specifier)}`,
            resolveDir: ROOT,
            loader: 'js',
          },
          bundle: true,
          platform: 'neutral',
          format: 'esm',
          conditions: [...runtime.conditions],
          mainFields: ['module', 'main'],
          write: false,
          logLevel: 'silent',
          plugins: [builtinCatcher(found)],
        })
      } catch (error) {
        const messages = (error as { errors?: { text: string }[] }).errors?.map((e) => e.text) ?? [
          String(error),
        ]
        for (const text of messages)
          findings.push({ entry: entry.specifier, runtime: runtime.name, problem: text })
      }
      for (const problem of found)
        findings.push({
          entry: entry.specifier,
          runtime: runtime.name,
          problem: `imports Node built-in ${problem}`,
        })
    }
  }
  return { checked: entries.map((e) => e.specifier), findings }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { checked, findings } = await checkNeutral()
  if (findings.length > 0) {
    for (const f of findings) console.error(`✗ ${f.entry} [${f.runtime}]: ${f.problem}`)
    console.error(
      `\ncheck:neutral: ${findings.length} problem(s) in ${checked.length} browser/React Native/Deno entries`,
    )
    process.exit(1)
  }
  console.log(
    `check:neutral: ${checked.length} entries import no Node built-in (${RUNTIMES.map((r) => r.name).join(', ')}): ${checked.join(', ')}`,
  )
}
