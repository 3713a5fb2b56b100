// `pnpm run ci`: every check CI makes, one summary line per stage when it passes, the stage's whole
// output when it fails. Stages that do not depend on each other run side by side.
import { spawn } from 'node:child_process'

/** Each group runs after the previous one; the stages of a group run at the same time. */
const GROUPS = [
  ['lint', 'typecheck'],
  ['build'],
  ['check:packages', 'check:neutral', 'size', 'docs:api'],
  ['bench:smoke'],
  ['test'],
]

// The pnpm that runs this script runs the stages; `npx pnpm` only when started some other way.
const pnpm = process.env.npm_execpath
  ? [process.execPath, [process.env.npm_execpath]]
  : ['npx', ['-y', 'pnpm@10.34.9']]

const seconds = (ms) =>
  ms < 60_000
    ? `${(ms / 1000).toFixed(1)} s`
    : `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`

/** Runs one package script, its output kept (stdout and stderr, in the order written). */
function stage(name) {
  const started = Date.now()
  return new Promise((resolve) => {
    const child = spawn(pnpm[0], [...pnpm[1], 'run', '--silent', name], {
      env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    const output = []
    child.stdout.on('data', (chunk) => output.push(chunk))
    child.stderr.on('data', (chunk) => output.push(chunk))
    child.on('close', (code, signal) =>
      resolve({
        name,
        ok: code === 0,
        code: code ?? signal,
        ms: Date.now() - started,
        output: Buffer.concat(output).toString(),
      }),
    )
  })
}

/** The line worth keeping from a green stage's output, if any. */
function summaryOf(result) {
  if (result.name === 'test') return result.output.match(/^tests: .*$/m)?.[0]
  if (result.name === 'size') return `${(result.output.match(/Size limit:/g) ?? []).length} budgets held`
  return undefined
}

const started = Date.now()
for (const group of GROUPS) {
  const results = await Promise.all(group.map(stage))
  for (const result of results) {
    const summary = result.ok ? summaryOf(result) : undefined
    console.log(
      `${result.ok ? 'ok  ' : 'FAIL'} ${result.name} (${seconds(result.ms)})${summary ? `: ${summary}` : ''}`,
    )
  }
  const failed = results.filter((r) => !r.ok)
  if (failed.length > 0) {
    for (const result of failed) {
      console.log(
        `\n--- ${result.name} failed (exit ${result.code}); its output:\n${result.output.trimEnd()}`,
      )
    }
    console.log(`\nci: failed after ${seconds(Date.now() - started)}`)
    process.exit(1)
  }
}
console.log(`ci: passed in ${seconds(Date.now() - started)}`)
