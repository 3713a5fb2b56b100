import { readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const ROOT = fileURLToPath(new URL('../../', import.meta.url))
const DIR = `${ROOT}.changeset/`
const PACKAGES = new Set(
  readdirSync(`${ROOT}packages`).map(
    (dir) =>
      (JSON.parse(readFileSync(`${ROOT}packages/${dir}/package.json`, 'utf8')) as { name: string }).name,
  ),
)

// The shape @changesets/parse reads: a front matter of `"package": bump` lines between two `---`
// lines, then the summary. A markdown formatter that turns `name: patch\n---` into a heading would
// leave a changeset that releases nothing, silently.
const FRONT_MATTER = /^---\n([\s\S]*?)\n---\n+(\S[\s\S]*)$/
const RELEASE = /^\s*(["'])(@redirectless\/[a-z-]+)\1:\s*(major|minor|patch)\s*$/

describe('changesets', () => {
  const files = readdirSync(DIR).filter((f) => f.endsWith('.md') && f !== 'README.md')

  it('there is at least one', () => {
    expect(files.length).toBeGreaterThan(0)
  })

  for (const file of files) {
    it(`${file} names packages and bumps in its front matter, then says what changed`, () => {
      const match = FRONT_MATTER.exec(readFileSync(`${DIR}${file}`, 'utf8'))
      expect(match, 'front matter between two --- lines, then a summary').not.toBeNull()
      const lines = (match?.[1] ?? '').split('\n').filter((line) => line.trim() !== '')
      expect(lines.length).toBeGreaterThan(0)
      for (const line of lines) {
        const release = RELEASE.exec(line)
        expect(release, `"${line}" is not a "package": bump line`).not.toBeNull()
        expect(PACKAGES.has(release?.[2] ?? '')).toBe(true)
      }
    })
  }
})
