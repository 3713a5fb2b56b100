import { createRequire } from 'node:module'
import { isAbsolute, join, relative } from 'node:path'
import { brotliCompressSync } from 'node:zlib'
import { type BuildOptions, build, type Metafile } from 'esbuild'
import { lastJsonLine, ROOT, runNode } from '../lib/child.js'

/** One size-limit check, as `.size-limit.cjs` declares it. */
interface SizeCheck {
  readonly name: string
  readonly path?: string
  readonly import?: string | Record<string, string>
  readonly limit?: string
  readonly modifyEsbuildConfig?: (config: BuildOptions) => BuildOptions
}

export interface SizeRow {
  readonly name: string
  /** Brotli bytes, as size-limit measures them. */
  readonly size: number
  readonly limit?: number
  readonly passed?: boolean
  /** Minified bytes by package, largest first (from esbuild's metafile). */
  readonly byPackage: readonly { readonly name: string; readonly bytes: number }[]
  /** The largest modules of the minified bundle. */
  readonly topModules: readonly { readonly path: string; readonly bytes: number }[]
  readonly minified: number
  /** Budgeted entries only: brotli bytes each third-party dependency adds. */
  readonly costs?: {
    readonly each: readonly { readonly name: string; readonly brotli: number }[]
    /** zlib's brotli of the whole bundle, the base the figures above are taken from. */
    readonly whole: number
  }
}

const require = createRequire(import.meta.url)

export function sizeChecks(): SizeCheck[] {
  return require(join(ROOT, '.size-limit.cjs')) as SizeCheck[]
}

/** `size-limit --json` for the figures the CI gate uses, plus an esbuild metafile of each bundle for what dominates it. */
export async function measureSizes(): Promise<SizeRow[]> {
  const bin = join(ROOT, 'node_modules', 'size-limit', 'bin.js')
  const result = await runNode([bin, '--json'], { timeoutMs: 120_000 })
  // size-limit exits 1 when a budget is exceeded; its JSON is still complete.
  const checks = lastJsonBlock(result.stdout) as {
    name: string
    size: number
    sizeLimit?: number
    passed?: boolean
  }[]
  if (!Array.isArray(checks)) throw new Error(`size-limit failed: ${result.stderr || result.stdout}`)
  const rows: SizeRow[] = []
  for (const check of sizeChecks()) {
    const measured = checks.find((c) => c.name === check.name)
    if (!measured) throw new Error(`size-limit did not report ${check.name}`)
    const parts = breakdown((await bundle(check)).metafile)
    rows.push({
      name: check.name,
      size: measured.size,
      ...(measured.sizeLimit !== undefined && { limit: measured.sizeLimit }),
      ...(measured.passed !== undefined && { passed: measured.passed }),
      ...parts,
      ...(check.limit !== undefined && { costs: await dependencyCosts(check, parts.byPackage) }),
    })
  }
  return rows
}

function lastJsonBlock(stdout: string): unknown {
  const start = stdout.indexOf('[')
  if (start < 0) return lastJsonLine({ code: 1, stdout, stderr: '' }, 'size-limit')
  return JSON.parse(stdout.slice(start))
}

/** The same bundle size-limit makes (its generated entry, its esbuild options), with a metafile. */
async function bundle(
  check: SizeCheck,
  external: readonly string[] = [],
): Promise<{ metafile: Metafile; brotli: number }> {
  const imports =
    typeof check.import === 'string' ? { [check.path ?? '']: check.import } : (check.import ?? {})
  const lines = Object.entries(imports).map(([file, names]) => {
    const absolute = isAbsolute(file) ? file : join(ROOT, file)
    return `import ${names} from ${JSON.stringify(absolute)}\nconsole.log(${names.replace(/[{}]/g, '')})`
  })
  const base: BuildOptions = {
    stdin: { contents: lines.join('\n'), resolveDir: ROOT, loader: 'js' },
    bundle: true,
    metafile: true,
    minifyIdentifiers: true,
    minifySyntax: true,
    minifyWhitespace: true,
    treeShaking: true,
    write: false,
    logLevel: 'silent',
  }
  const config = check.modifyEsbuildConfig ? check.modifyEsbuildConfig(base) : base
  const built = await build({
    ...config,
    write: false,
    metafile: true,
    external: external.flatMap((name) => [name, `${name}/*`]),
  })
  const code = built.outputFiles?.[0]?.contents ?? new Uint8Array()
  return { metafile: built.metafile as Metafile, brotli: brotliCompressSync(code).length }
}

/**
 * What each third-party dependency costs a budgeted bundle, in brotli bytes: the bundle's size
 * minus its size with that dependency left out (marked external).
 */
async function dependencyCosts(
  check: SizeCheck,
  byPackage: SizeRow['byPackage'],
): Promise<NonNullable<SizeRow['costs']>> {
  const whole = (await bundle(check)).brotli
  const dependencies = byPackage.filter((p) => !p.name.startsWith('@redirectless/') && p.bytes >= 1000)
  const each = []
  for (const dependency of dependencies) {
    each.push({ name: dependency.name, brotli: whole - (await bundle(check, [dependency.name])).brotli })
  }
  return { each, whole }
}

const PACKAGE = /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)\//

function breakdown(metafile: Metafile): Pick<SizeRow, 'byPackage' | 'topModules' | 'minified'> {
  const output = Object.values(metafile.outputs)[0]
  const byPackage = new Map<string, number>()
  const modules: { path: string; bytes: number }[] = []
  for (const [path, input] of Object.entries(output?.inputs ?? {})) {
    const ours = /packages\/([^/]+)\//.exec(path)
    const name = ours ? `@redirectless/${ours[1]}` : (PACKAGE.exec(path)?.[1] ?? '(entry)')
    byPackage.set(name, (byPackage.get(name) ?? 0) + input.bytesInOutput)
    modules.push({ path: displayPath(path), bytes: input.bytesInOutput })
  }
  return {
    minified: output?.bytes ?? 0,
    byPackage: [...byPackage]
      .map(([name, bytes]) => ({ name, bytes }))
      .filter((p) => p.bytes > 0 && p.name !== '(entry)')
      .sort((a, b) => b.bytes - a.bytes),
    topModules: modules.sort((a, b) => b.bytes - a.bytes).slice(0, 6),
  }
}

function displayPath(path: string): string {
  const pnpm = /node_modules\/\.pnpm\/[^/]+\/node_modules\/(.*)$/.exec(path)
  if (pnpm) return pnpm[1] as string
  return relative(ROOT, join(ROOT, path)).replace(/^\.\.\/+/, '')
}
