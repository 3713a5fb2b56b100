import { spawn } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { ROOT } from './child.js'
import { packageEntries } from './entries.js'

/**
 * Runs each package's own `build` script (tsdown) with the workspace's tsdown binary, one package at
 * a time; a package that fails to build is reported, not fatal (its rows then say "not built").
 */
export async function buildPackages(options: { readonly onlyMissing: boolean }): Promise<{
  readonly failed: readonly { readonly name: string; readonly error: string }[]
}> {
  const byPackage = new Map<string, { dir: string; missing: boolean }>()
  for (const entry of packageEntries()) {
    const known = byPackage.get(entry.packageName)
    const missing = !existsSync(entry.nodeDist ?? entry.dist)
    byPackage.set(entry.packageName, { dir: entry.dir, missing: (known?.missing ?? false) || missing })
  }
  const tsdown = join(ROOT, 'node_modules', '.bin', 'tsdown')
  const failed: { name: string; error: string }[] = []
  for (const [name, { dir, missing }] of byPackage) {
    if (options.onlyMissing && !missing) continue
    const scripts = (
      JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { scripts?: Record<string, string> }
    ).scripts
    if (scripts?.build !== 'tsdown') {
      failed.push({
        name,
        error: `its build script is not \`tsdown\` (${scripts?.build ?? 'none'}); build it with pnpm build`,
      })
      continue
    }
    const error = await new Promise<string | undefined>((resolve) => {
      const child = spawn(tsdown, [], { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] })
      let stderr = ''
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
        stderr += chunk
      })
      const timer = setTimeout(() => child.kill('SIGKILL'), 180_000)
      child.once('error', (e) => resolve(e.message))
      child.once('close', (code) => {
        clearTimeout(timer)
        resolve(code === 0 ? undefined : stderr.trim().split('\n').slice(-3).join(' ') || `exit ${code}`)
      })
    })
    if (error) failed.push({ name, error })
  }
  return { failed }
}
