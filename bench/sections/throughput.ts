import { spawnEmulator } from '../emulator/remote.js'
import { loadUser } from '../emulator/users.js'
import { runPool } from '../lib/pool.js'
import { cpuMs, percentile } from '../lib/stats.js'
import { createBaselineLogin } from '../login/baseline.js'
import type { Login } from '../login/login.js'
import { createOurLogin } from '../login/ours.js'

export interface ThroughputLevel {
  readonly concurrency: number
  readonly logins: number
}

export interface ThroughputRow extends ThroughputLevel {
  readonly variant: 'ours' | 'baseline'
  readonly seconds: number
  readonly perSecond: number
  readonly p50: number
  readonly p99: number
  readonly errors: number
  readonly firstError?: string
  /** CPU ms per login in this process (the client) and in the emulator's. */
  readonly clientCpuPerLogin: number
  readonly emulatorCpuPerLogin: number
  /** CPU time over wall time: 1 = one core busy the whole run. */
  readonly clientLoad: number
  readonly emulatorLoad: number
}

/**
 * Concurrent complete logins against the emulator in its own process, each concurrent user a
 * different emulator user; `logins` in total at each level (bounded). Our stack, then the baseline,
 * each on a fresh emulator so neither inherits the other's server state.
 */
export async function measureThroughput(
  levels: readonly ThroughputLevel[],
  options: { readonly warmup: number },
): Promise<ThroughputRow[]> {
  const users = Math.max(...levels.map((l) => l.concurrency))
  const rows: ThroughputRow[] = []
  for (const level of levels) {
    for (const variant of ['ours', 'baseline'] as const) {
      const remote = await spawnEmulator({ users })
      try {
        const login: Login =
          variant === 'ours' ? createOurLogin(remote.target) : createBaselineLogin(remote.target)
        await runPool(options.warmup, Math.min(10, level.concurrency), async (i) => {
          await login(loadUser(i % users))
        })
        const latencies: number[] = []
        const emulatorBefore = await remote.cpu()
        const cpuBefore = process.cpuUsage()
        const started = performance.now()
        const errors = await runPool(level.logins, level.concurrency, async (_, worker) => {
          const t = performance.now()
          const user = loadUser(worker)
          const outcome = await login(user)
          if (outcome.pingFederateSub !== user.username || !outcome.pingOneSub) {
            throw new Error(`the login ended for the wrong user: ${JSON.stringify(outcome)}`)
          }
          latencies.push(performance.now() - t)
        })
        const seconds = (performance.now() - started) / 1000
        const clientCpu = cpuMs(cpuBefore, process.cpuUsage())
        const emulatorCpu = cpuMs(emulatorBefore, await remote.cpu())
        const done = Math.max(1, latencies.length)
        rows.push({
          ...level,
          variant,
          seconds,
          perSecond: latencies.length / seconds,
          p50: percentile(latencies, 50),
          p99: percentile(latencies, 99),
          errors: errors.length,
          ...(errors.length > 0 && { firstError: String((errors[0] as Error)?.message ?? errors[0]) }),
          clientCpuPerLogin: clientCpu / done,
          emulatorCpuPerLogin: emulatorCpu / done,
          clientLoad: clientCpu / 1000 / seconds,
          emulatorLoad: emulatorCpu / 1000 / seconds,
        })
      } finally {
        await remote.close()
      }
    }
  }
  return rows
}
