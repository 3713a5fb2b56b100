import { readFileSync } from 'node:fs'

let cached: string | undefined

/**
 * The package version, read from `package.json` next to `src/` and `dist/` (both sit one level
 * below it), so a release bump needs no code change.
 */
export function version(): string {
  if (cached === undefined) {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
      version?: string
    }
    cached = pkg.version ?? '0.0.0'
  }
  return cached
}
