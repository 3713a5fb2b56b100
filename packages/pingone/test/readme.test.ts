import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { defaultPingOneConfig } from '@redirectless/emulator'
import { expect, it } from 'vitest'

const here = fileURLToPath(new URL('.', import.meta.url))

it('the README starts with an example of at most ten lines that runs against the emulator', async () => {
  const readme = await readFile(join(here, '../README.md'), 'utf8')
  const code = /```ts\n([\s\S]*?)```/.exec(readme)?.[1] ?? ''
  expect(code.trim().split('\n').length).toBeLessThanOrEqual(10)
  const runnable = code
    .replace("'@redirectless/emulator'", JSON.stringify(join(here, '../../emulator/src/index.ts')))
    .replace("'@redirectless/pingone'", JSON.stringify(join(here, '../src/node.ts')))
    .replace('console.log(', ';(globalThis as { readmeOut?: unknown[] }).readmeOut?.push(')
  const dir = await mkdtemp(join(tmpdir(), 'pingone-readme-'))
  const file = join(dir, 'example.ts')
  const out: unknown[] = []
  ;(globalThis as { readmeOut?: unknown[] }).readmeOut = out
  try {
    await writeFile(file, runnable)
    await import(/* @vite-ignore */ file)
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
  expect(out).toEqual([defaultPingOneConfig.users.find((u) => u.username === 'joe')?.id])
})
