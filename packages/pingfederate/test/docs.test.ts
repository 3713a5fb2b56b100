import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'

// Every ```ts block of the README and the guide is a script that runs against the emulator. Each
// `console.log(...) // → text` line states what it prints; the test runs the block and compares.
const here = import.meta.dirname
const packages = resolve(here, '../..')
const documents = {
  'packages/pingfederate/README.md': resolve(here, '../README.md'),
  'docs/pingfederate.md': resolve(packages, '../docs/pingfederate.md'),
}

/** `@redirectless/x[/sub]` → the package's TypeScript source (the Node entry for this package). */
function sourceOf(specifier: string): string {
  const [, name, sub] = /^@redirectless\/([^/]+)(?:\/(.+))?$/.exec(specifier) ?? []
  const file = sub ?? (name === 'pingfederate' ? 'node' : 'index')
  return pathToFileURL(join(packages, name ?? '', 'src', `${file}.ts`)).href
}

function blocks(markdown: string): { line: number; code: string }[] {
  const out: { line: number; code: string }[] = []
  const re = /^```ts\n([\s\S]*?)^```$/gm
  for (let m = re.exec(markdown); m; m = re.exec(markdown)) {
    out.push({ line: markdown.slice(0, m.index).split('\n').length, code: m[1] ?? '' })
  }
  return out
}

const logs: string[] = []
;(globalThis as Record<string, unknown>).__docLog = (...args: unknown[]) => {
  logs.push(args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' '))
}

let dir: string | undefined
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true })
})

for (const [name, path] of Object.entries(documents)) {
  describe(name, async () => {
    const markdown = await readFile(path, 'utf8')
    const found = blocks(markdown)
    it('has runnable examples', () => expect(found.length).toBeGreaterThan(0))
    for (const { line, code } of found) {
      it(`the example at line ${line} runs and prints what it says`, async () => {
        dir ??= await mkdtemp(join(tmpdir(), 'pf-docs-'))
        const expected = code
          .split('\n')
          .filter((l) => l.includes('console.log('))
          .map((l) => {
            const arrow = /\/\/ → (.*)$/.exec(l)
            if (!arrow) throw new Error(`line "${l.trim()}" logs without saying what (// → …)`)
            return arrow[1]
          })
        const script = code.replace(
          /from '(@redirectless\/[^']+)'/g,
          (_, spec: string) => `from '${sourceOf(spec)}'`,
        )
        const file = join(dir, `${name.replace(/\W+/g, '-')}-${line}.ts`)
        // A module-scoped `console` catches the example's output; imports are hoisted above it.
        const capture = 'const console = { log: (globalThis as any).__docLog }\n'
        await writeFile(file, `${capture}${script}\nexport {}\n`)
        logs.length = 0
        await import(pathToFileURL(file).href)
        expect(logs).toEqual(expected)
      }, 30_000)
    }
  })
}

it('every example type-checks (strict, as the packages)', async () => {
  const ts = (await import('typescript')).default
  // Inside the package, so `@redirectless/*` resolve as they would for a user of the packages.
  const scratch = await mkdtemp(join(here, '.docs-typecheck-'))
  try {
    const files: string[] = []
    for (const [name, path] of Object.entries(documents)) {
      for (const { line, code } of blocks(await readFile(path, 'utf8'))) {
        const file = join(scratch, `${name.replace(/\W+/g, '-')}-${line}.ts`)
        await writeFile(file, `${code}\nexport {}\n`)
        files.push(file)
      }
    }
    const config = ts.getParsedCommandLineOfConfigFile(
      resolve(packages, '../tsconfig.base.json'),
      { noEmit: true },
      {
        ...ts.sys,
        onUnRecoverableConfigFileDiagnostic: (d) => {
          throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'))
        },
      },
    )
    if (!config) throw new Error('cannot read tsconfig.base.json')
    const program = ts.createProgram(files, config.options)
    const problems = ts
      .getPreEmitDiagnostics(program)
      .map((d) => `${d.file?.fileName ?? ''}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`)
    expect(problems).toEqual([])
  } finally {
    await rm(scratch, { recursive: true, force: true })
  }
}, 60_000)
