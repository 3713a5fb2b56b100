/**
 * `pnpm bench`: the login overhead against hand-written fetch, throughput, memory per suspended
 * login, cold import times and bundle sizes, written to docs/benchmarks.md with each target and
 * ✅/❌. `pnpm bench:smoke` (`--smoke`) runs every section with a handful of iterations to check the
 * harness and never rewrites the doc. No figure is asserted: a missed target is reported, not failed;
 * the exit code is non-zero only when a section could not run.
 *
 * Options: --smoke, --no-build (use the dist files as they are),
 * --only=overhead,throughput,memory,stores,imports,sizes,neutral (a partial run, the doc left alone),
 * --out=<file> (write the report there instead, whatever the run).
 */
import { existsSync, writeFileSync } from 'node:fs'
import { loadavg } from 'node:os'
import { join } from 'node:path'
import { checkNeutral } from './check-neutral.js'
import { buildPackages } from './lib/build.js'
import { ROOT } from './lib/child.js'
import { packageEntries } from './lib/entries.js'
import { mark } from './lib/format.js'
import { machineInfo } from './lib/machine.js'
import { type BenchResults, renderReport, targets } from './report.js'
import { measureImportTimes } from './sections/import-time.js'
import { measureMemory } from './sections/memory.js'
import { measureOverhead } from './sections/overhead.js'
import { measureSizes } from './sections/size.js'
import { measureStores } from './sections/stores.js'
import { measureThroughput } from './sections/throughput.js'

const args = process.argv.slice(2)
const smoke = args.includes('--smoke')
const only = args
  .find((a) => a.startsWith('--only='))
  ?.slice('--only='.length)
  .split(',')
const wanted = (section: string) => !only || only.includes(section)

// Sized so that a full run stays under ~3 minutes on 2 cores; the smoke plan only proves the harness.
const plan: BenchResults['plan'] = smoke
  ? {
      overhead: { warmup: 2, rounds: 5, profiledLogins: 3 },
      throughput: [
        { concurrency: 1, logins: 3 },
        { concurrency: 5, logins: 10 },
      ],
      memoryFlows: 50,
      memoryPingOneFlows: 50,
      importRuns: 1,
      stores: { logins: 10, concurrency: 5 },
    }
  : {
      overhead: { warmup: 30, rounds: 250, profiledLogins: 120 },
      throughput: [
        { concurrency: 1, logins: 60 },
        { concurrency: 100, logins: 1000 },
        { concurrency: 1000, logins: 1000 },
      ],
      memoryFlows: 10_000,
      memoryPingOneFlows: 4_000,
      importRuns: 7,
      stores: { logins: 400, concurrency: 20 },
    }

// A hung login (the baseline's fetch has no timeout, on purpose) must not hang CI: give up whole.
const DEADLINE_S = smoke ? 180 : 600
setTimeout(() => {
  console.error(`[bench] still running after ${DEADLINE_S} s: giving up`)
  process.exit(1)
}, DEADLINE_S * 1000).unref()

const machine = machineInfo()
const started = performance.now()
const failures: Record<string, string> = {}
const log = (message: string) =>
  console.log(`[bench ${((performance.now() - started) / 1000).toFixed(0)}s] ${message}`)

async function section<T>(name: string, run: () => Promise<T>): Promise<T | undefined> {
  if (!wanted(name)) return undefined
  log(`${name}…`)
  try {
    return await run()
  } catch (error) {
    failures[name] = error instanceof Error ? (error.message.split('\n')[0] ?? String(error)) : String(error)
    console.error(`[bench] ${name} failed:`, error)
    return undefined
  }
}

// The dist files feed import times, sizes and the neutral check: build them unless asked not to
// (a smoke run builds only what is missing, as CI has built just before).
const needsDist = wanted('imports') || wanted('sizes') || wanted('neutral')
if (needsDist && !args.includes('--no-build')) {
  const missing = packageEntries().some((e) => !existsSync(e.nodeDist ?? e.dist))
  if (!smoke || missing) {
    log(smoke ? 'building the packages whose dist is missing…' : 'building the packages…')
    const built = await buildPackages({ onlyMissing: smoke })
    for (const failure of built.failed) failures[`build ${failure.name}`] = failure.error
  }
}

const overhead = await section('overhead', () => measureOverhead(plan.overhead))
const throughput = await section('throughput', () =>
  measureThroughput(plan.throughput, { warmup: smoke ? 2 : 20 }),
)
const memory = await section('memory', () => measureMemory(plan.memoryFlows, plan.memoryPingOneFlows))
const stores = await section('stores', () => measureStores(plan.stores))
const imports = await section('imports', () => measureImportTimes(plan.importRuns))
const sizes = await section('sizes', () => measureSizes())
const neutral = await section('neutral', () => checkNeutral())

const results: BenchResults = {
  machine,
  plan,
  seconds: (performance.now() - started) / 1000,
  loadAverage: loadavg(),
  ...(overhead && { overhead }),
  ...(throughput && { throughput }),
  ...(memory && { memory }),
  ...(stores && { stores }),
  ...(imports && { imports }),
  ...(sizes && { sizes }),
  ...(neutral && { neutral }),
  failures,
}

// A smoke run proves the harness; its handful of iterations say nothing about a target.
if (smoke)
  console.log(
    `bench smoke: ${targets(results).length} figures measured, ${Object.keys(failures).length} sections failed`,
  )
else
  for (const t of targets(results))
    console.log(`${mark(t.ok)} ${t.figure}: ${t.measured} (target ${t.target})`)
const out = args.find((a) => a.startsWith('--out='))?.slice('--out='.length)
if (out) {
  writeFileSync(out, renderReport(results))
  log(`wrote ${out}`)
} else if (smoke) {
  log('smoke run: docs/benchmarks.md left as it is')
} else if (only) {
  log('partial run (--only): docs/benchmarks.md left as it is')
} else {
  writeFileSync(join(ROOT, 'docs', 'benchmarks.md'), renderReport(results))
  log('wrote docs/benchmarks.md')
}
const failed = Object.keys(failures)
if (failed.length > 0) {
  console.error(`[bench] could not run: ${failed.join(', ')}`)
  process.exitCode = 1
}
