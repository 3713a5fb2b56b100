import { createEmulator, defaultPingOneConfig } from '@redirectless/emulator'
import { spawnEmulator } from '../emulator/remote.js'
import { type Target, targetOf } from '../emulator/target.js'
import { ANN } from '../emulator/users.js'
import { allocationsByComponent } from '../lib/profile.js'
import { cpuMs } from '../lib/stats.js'
import { createBaselineLogin } from '../login/baseline.js'
import type { Login } from '../login/login.js'
import { createClientsLogin, createOurLogin } from '../login/ours.js'

/** `ours`: runHybridLogin (machine + both clients); `clients`: the two clients alone; `baseline`: plain fetch. */
export const VARIANTS = ['ours', 'clients', 'baseline'] as const
export type Variant = (typeof VARIANTS)[number]

export interface OverheadOptions {
  readonly warmup: number
  readonly rounds: number
  readonly profiledLogins: number
}

export interface OverheadResult {
  readonly options: OverheadOptions
  /** Wall ms per login, emulator in-process (`emu.fetch`, no socket). */
  readonly inProcess: Record<Variant, number[]>
  /** Emulator in a child process over loopback HTTP: wall ms, client CPU ms, emulator CPU ms per login. */
  readonly loopback: Record<Variant, { wall: number[]; cpu: number[]; emulatorCpu: number[] }>
  /** Bytes the client allocates per login, by component (loopback, sampled heap profile). */
  readonly allocations: Record<Variant, Record<string, number>>
}

function logins(target: Target, fetch?: typeof globalThis.fetch): Record<Variant, Login> {
  return {
    ours: createOurLogin(target, fetch),
    clients: createClientsLogin(target, fetch),
    baseline: createBaselineLogin(target, fetch),
  }
}

/** Every login must end with both stages' validated `sub`: a silent failure would flatter the figures. */
async function checked(login: Login, pingOneSub: string): Promise<void> {
  const outcome = await login(ANN)
  if (outcome.pingFederateSub !== ANN.username || outcome.pingOneSub !== pingOneSub) {
    throw new Error(`the login ended for the wrong user: ${JSON.stringify(outcome)}`)
  }
}

// Both emulators (in-process and child) run the default users, so ann's PingOne id is known here.
const ANN_P1_ID = defaultPingOneConfig.users.find((u) => u.username === ANN.username)?.id ?? ''

/**
 * Our login against the plain-fetch baseline, interleaved (ours, clients, baseline, ours, …) so
 * drift (JIT, GC, emulator state, thermal) hits all three alike.
 */
export async function measureOverhead(options: OverheadOptions): Promise<OverheadResult> {
  // In-process: wall time only; the emulator's CPU is in this process and cannot be told apart.
  const emu = createEmulator()
  const local = logins(targetOf(emu), emu.fetch)
  const inProcess: Record<Variant, number[]> = { ours: [], clients: [], baseline: [] }
  for (let i = 0; i < options.warmup; i++) for (const v of VARIANTS) await checked(local[v], ANN_P1_ID)
  for (let i = 0; i < options.rounds; i++) {
    for (const v of VARIANTS) {
      const started = performance.now()
      await checked(local[v], ANN_P1_ID)
      inProcess[v].push(performance.now() - started)
    }
  }
  await emu.close()

  // Loopback: the emulator has its own process, so this process's CPU is the client's.
  const remote = await spawnEmulator()
  try {
    const net = logins(remote.target)
    const loopback: OverheadResult['loopback'] = {
      ours: { wall: [], cpu: [], emulatorCpu: [] },
      clients: { wall: [], cpu: [], emulatorCpu: [] },
      baseline: { wall: [], cpu: [], emulatorCpu: [] },
    }
    for (let i = 0; i < options.warmup; i++) for (const v of VARIANTS) await checked(net[v], ANN_P1_ID)
    for (let i = 0; i < options.rounds; i++) {
      for (const v of VARIANTS) {
        const emulatorBefore = await remote.cpu()
        const cpuBefore = process.cpuUsage()
        const started = performance.now()
        await checked(net[v], ANN_P1_ID)
        const wall = performance.now() - started
        const cpu = cpuMs(cpuBefore, process.cpuUsage())
        loopback[v].wall.push(wall)
        loopback[v].cpu.push(cpu)
        loopback[v].emulatorCpu.push(cpuMs(emulatorBefore, await remote.cpu()))
      }
    }

    const allocations = { ours: {}, clients: {}, baseline: {} } as OverheadResult['allocations']
    for (const v of VARIANTS) {
      const bytes = await allocationsByComponent(async () => {
        for (let i = 0; i < options.profiledLogins; i++) await checked(net[v], ANN_P1_ID)
      })
      allocations[v] = Object.fromEntries([...bytes].map(([k, b]) => [k, b / options.profiledLogins]))
    }
    return { options, inProcess, loopback, allocations }
  } finally {
    await remote.close()
  }
}
