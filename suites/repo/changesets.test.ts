import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const ROOT = fileURLToPath(new URL('../../', import.meta.url))
const DIR = `${ROOT}.changeset/`

interface Manifest {
  readonly name: string
  readonly version: string
  readonly private?: boolean
}

const MANIFESTS: ReadonlyMap<string, Manifest & { readonly dir: string }> = new Map(
  readdirSync(`${ROOT}packages`).map((dir) => {
    const manifest = JSON.parse(readFileSync(`${ROOT}packages/${dir}/package.json`, 'utf8')) as Manifest
    return [manifest.name, { ...manifest, dir }] as const
  }),
)
const PACKAGES = new Set(MANIFESTS.keys())

// The shape @changesets/parse reads: a front matter of `"package": bump` lines between two `---`
// lines, then the summary. A markdown formatter that turns `name: patch\n---` into a heading would
// leave a changeset that releases nothing, silently.
const FRONT_MATTER = /^---\n([\s\S]*?)\n---\n+(\S[\s\S]*)$/
const RELEASE = /^\s*(["'])(@redirectless\/[a-z-]+)\1:\s*(major|minor|patch)\s*$/

// What `changeset version` writes with @changesets/cli/changelog: `# name`, then per release a
// `## version` heading and `### Major|Minor|Patch Changes` sections of `- <commit>: summary` entries.
const RELEASE_HEADING = /^## (\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?)$/gm
const SECTION = /^### (Major|Minor|Patch) Changes$/m
const ENTRY = /^- (?:[0-9a-f]{7,40}: )?\S/m

describe('changesets: the configuration', () => {
  const config = JSON.parse(readFileSync(`${DIR}config.json`, 'utf8')) as Record<string, unknown>

  it('uses the stock changelog generator, public access and main as the base branch', () => {
    expect(config.changelog).toBe('@changesets/cli/changelog')
    expect(config.access).toBe('public')
    expect(config.baseBranch).toBe('main')
    // Versioning never commits by itself: the release commit is reviewed (docs/releasing.md).
    expect(config.commit).toBe(false)
    expect(['patch', 'minor']).toContain(config.updateInternalDependencies)
  })

  it('names only packages of the workspace in fixed, linked and ignore', () => {
    const groups = [...(config.fixed as string[][]), ...(config.linked as string[][])]
    for (const name of [...groups.flat(), ...(config.ignore as string[])]) expect(PACKAGES).toContain(name)
  })
})

describe('changesets: CHANGELOG.md per package', () => {
  for (const [name, manifest] of MANIFESTS) {
    if (manifest.private) continue
    it(`${name} has a CHANGELOG.md written by changeset version, up to its current version`, () => {
      const path = `${ROOT}packages/${manifest.dir}/CHANGELOG.md`
      expect(existsSync(path), `${path} (run \`pnpm changeset version\`)`).toBe(true)
      const text = readFileSync(path, 'utf8')
      expect(text.split('\n')[0]).toBe(`# ${name}`)
      const versions = [...text.matchAll(RELEASE_HEADING)].map((m) => m[1])
      // Newest first, and the newest is what package.json says: a version bumped by hand, without
      // changeset version, would be a release without an entry.
      expect(versions[0]).toBe(manifest.version)
      expect(new Set(versions).size).toBe(versions.length)
      for (const release of text.split(/^## /m).slice(1)) {
        expect(release).toMatch(SECTION)
        expect(release).toMatch(ENTRY)
      }
    })
  }
})

describe('changesets: pending ones', () => {
  const files = readdirSync(DIR).filter((f) => f.endsWith('.md') && f !== 'README.md')

  // None pending is fine (right after a release); each one that is must release something real.
  for (const file of files) {
    it(`${file} names packages and bumps in its front matter, then says what changed`, () => {
      const match = FRONT_MATTER.exec(readFileSync(`${DIR}${file}`, 'utf8'))
      expect(match, 'front matter between two --- lines, then a summary').not.toBeNull()
      const lines = (match?.[1] ?? '').split('\n').filter((line) => line.trim() !== '')
      expect(lines.length).toBeGreaterThan(0)
      for (const line of lines) {
        const release = RELEASE.exec(line)
        expect(release, `"${line}" is not a "package": bump line`).not.toBeNull()
        expect(PACKAGES).toContain(release?.[2] ?? '')
      }
    })
  }

  it('the front-matter check itself refuses what changeset would silently skip', () => {
    expect(FRONT_MATTER.exec('---\n"@redirectless/core": patch\n---\n\nA fix.\n')).not.toBeNull()
    expect(FRONT_MATTER.exec('## "@redirectless/core": patch\n\nA fix.\n')).toBeNull()
    expect(RELEASE.exec('"@redirectless/core": patched')).toBeNull()
  })
})
