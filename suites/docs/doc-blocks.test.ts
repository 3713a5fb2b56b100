/**
 * Every TypeScript block of the README, docs/ and the packages' READMEs is a product (issue 16): a
 * runnable block runs as written against the emulator (a fresh `node` with the packages' sources)
 * and prints what its `// →` comments promise; a fragment (marked on its first line) type-checks
 * in a harness that declares what the prose around it defines. A broken example fails the build.
 */
import { execFile } from 'node:child_process'
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, describe, expect, it } from 'vitest'
import { blocksOf, type DocBlock, documentationFiles, ROOT } from './blocks.js'

const run = promisify(execFile)
const WORK = join(ROOT, 'suites', 'docs', '.run')
const BLOCKS = documentationFiles().flatMap(blocksOf)
const RUN_TIMEOUT_MS = 30_000

rmSync(WORK, { recursive: true, force: true })
mkdirSync(WORK, { recursive: true })
afterAll(() => rmSync(WORK, { recursive: true, force: true }))

const fileOf = (block: DocBlock) => join(WORK, `${block.id.replace(/[^\w]+/g, '_')}.ts`)

describe('documentation examples', () => {
  it('there are examples, and each is runnable or marked as a fragment', () => {
    expect(BLOCKS.length).toBeGreaterThan(20)
  })

  describe.each(BLOCKS.filter((b) => !b.fragment).map((b) => [b.id, b] as const))('%s', (_id, block) => {
    it.concurrent(
      'runs as written and prints what it promises',
      async () => {
        const file = fileOf(block)
        // Top-level await needs a module; the block itself is the whole program.
        writeFileSync(file, `${block.code}\nexport {}\n`)
        const { stdout } = await run(
          process.execPath,
          ['--conditions=@redirectless/source', '--import', 'tsx', file],
          { cwd: ROOT, timeout: RUN_TIMEOUT_MS, env: { ...process.env, NO_COLOR: '1' } },
        ).catch((error: { killed?: boolean; stdout?: string; stderr?: string; message: string }) => {
          const why = error.killed
            ? `did not end within ${RUN_TIMEOUT_MS / 1000} s (an example must close what it opens: emulators, servers)`
            : error.stderr || error.stdout || error.message
          throw new Error(`${block.id} (line ${block.line}) failed: ${why}`)
        })
        let from = 0
        for (const expected of block.expected) {
          const at = stdout.indexOf(expected, from)
          expect(at, `${block.id} should print "${expected}"; it printed:\n${stdout}`).toBeGreaterThanOrEqual(
            0,
          )
          from = at + expected.length
        }
      },
      RUN_TIMEOUT_MS + 5_000,
    )
  })

  it('every fragment type-checks', async () => {
    const fragments = BLOCKS.filter((b) => b.fragment)
    for (const block of fragments) {
      writeFileSync(
        fileOf(block),
        `/// <reference path="../fragment-context.d.ts" />\n${block.code}\nexport {}\n`,
      )
    }
    const config = join(WORK, 'tsconfig.json')
    writeFileSync(
      config,
      JSON.stringify({
        extends: '../../../tsconfig.json',
        compilerOptions: { noEmit: true, noUnusedLocals: false, noUnusedParameters: false },
        include: ['./*.ts', '../fragment-context.d.ts'],
        // The root config keeps these out of the repository's own type check; here they are the input.
        exclude: [],
      }),
    )
    const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc')
    await run(process.execPath, [tsc, '-p', config], { cwd: ROOT, timeout: 120_000 }).catch(
      (error: { stdout?: string }) => {
        const where = (error.stdout ?? '').replace(new RegExp(`${WORK}/`, 'g'), '')
        throw new Error(`fragments that do not type-check:\n${where}`)
      },
    )
  }, 130_000)
})
