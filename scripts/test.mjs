// Runs vitest, then prints one plain summary line ("N passed, N failed") that CI logs can be read by.
import { spawnSync } from 'node:child_process'
import { mkdirSync, readFileSync, rmSync } from 'node:fs'

mkdirSync('coverage', { recursive: true })
const report = 'coverage/vitest-report.json'
// A report left by an earlier run must never stand in for this one.
rmSync(report, { force: true })
const run = spawnSync(
  'vitest',
  ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...process.argv.slice(2)],
  { stdio: 'inherit', shell: process.platform === 'win32' },
)
if (run.error) console.error(`tests: vitest could not be started (${run.error.message})`)
try {
  const { numPassedTests, numFailedTests, numPendingTests } = JSON.parse(readFileSync(report, 'utf8'))
  console.log(
    `\ntests: ${numPassedTests} passed, ${numFailedTests} failed${numPendingTests ? `, ${numPendingTests} skipped` : ''}`,
  )
} catch {
  console.log('\ntests: the report could not be read')
}
process.exit(run.status ?? 1)
