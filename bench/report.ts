import type { Finding } from './check-neutral.js'
import { int, kb, mark, ms, ratio, table } from './lib/format.js'
import type { MachineInfo } from './lib/machine.js'
import { median, percentile } from './lib/stats.js'
import type { ImportTimeRow } from './sections/import-time.js'
import type { MemoryResult } from './sections/memory.js'
import type { OverheadResult, Variant } from './sections/overhead.js'
import type { SizeRow } from './sections/size.js'
import type { StoreRow } from './sections/stores.js'
import type { ThroughputLevel, ThroughputRow } from './sections/throughput.js'
import { SIZE_TARGETS } from './size-targets.js'

/** Everything one `pnpm bench` run measured; a section that failed has its error instead. */
export interface BenchResults {
  readonly machine: MachineInfo
  readonly plan: {
    readonly overhead: OverheadResult['options']
    readonly throughput: readonly ThroughputLevel[]
    /** Hybrid actors, and PingOne-only flows, parked by the memory section. */
    readonly memoryFlows: number
    readonly memoryPingOneFlows: number
    readonly importRuns: number
    readonly stores: { readonly logins: number; readonly concurrency: number }
  }
  readonly seconds: number
  /** \`os.loadavg()\` when the run ended (the start is in \`machine\`). */
  readonly loadAverage?: readonly number[]
  readonly overhead?: OverheadResult
  readonly throughput?: readonly ThroughputRow[]
  readonly memory?: MemoryResult
  readonly stores?: readonly StoreRow[]
  readonly imports?: readonly ImportTimeRow[]
  readonly sizes?: readonly SizeRow[]
  readonly neutral?: { readonly checked: readonly string[]; readonly findings: readonly Finding[] }
  readonly failures: Readonly<Record<string, string>>
}

/** Client CPU per login (loopback, median) against the baseline: the two clients alone, and the whole orchestrated login. */
export const CLIENTS_TARGET = 1.25
export const OURS_TARGET = 1.5
/** Heap per live suspended flow, and bytes per persisted snapshot (1 kB = 1000 B). */
export const LIVE_HEAP_TARGET = 20_000
export const SNAPSHOT_TARGET = 4_000
export const IMPORT_TARGET_MS = 50
export const IMPORT_TARGET_ENTRY = '@redirectless/orchestrator'

/** A figure with its target, for the summary; `ok` is absent for a figure shown for comparison only. */
interface Target {
  readonly figure: string
  readonly measured: string
  readonly target: string
  readonly ok?: boolean
}

const PEERS = [
  ['okta-auth-js (IDX)', '37 kB'],
  ['ForgeRock davinci-client', '45 kB'],
  ['ForgeRock journey-client', '31 kB'],
  ["Ping's pf-authn-js-widget", '154 kB'],
  ['tough-cookie alone', '49 kB'],
] as const

const LABEL: Record<Variant, string> = {
  ours: 'ours (runHybridLogin)',
  clients: 'clients only',
  baseline: 'baseline (fetch)',
}

function overheadTargets(o: OverheadResult): Target[] {
  const cpu = (variant: Variant) => median(o.loopback[variant].cpu)
  const row = (variant: 'ours' | 'clients', target: number): Target => {
    const r = cpu(variant) / cpu('baseline')
    return {
      figure: `client CPU per login, median (loopback): ${variant === 'ours' ? 'whole orchestrated login' : 'the two clients alone'} ÷ baseline`,
      measured: ratio(r),
      target: `≤ ${target}×`,
      ok: r <= target,
    }
  }
  return [row('clients', CLIENTS_TARGET), row('ours', OURS_TARGET)]
}

function memoryTargets(m: MemoryResult): Target[] {
  return [
    {
      figure: `heap per live hybrid login parked at PingOne OTP_REQUIRED (${int(m.flows)} actors)`,
      measured: kb(m.hybrid.heapPerFlow),
      target: `< ${kb(LIVE_HEAP_TARGET)}`,
      ok: m.hybrid.heapPerFlow < LIVE_HEAP_TARGET,
    },
    {
      figure: `persisted snapshot per hybrid login (${int(m.flows)} actors)`,
      measured: kb(m.hybrid.snapshotBytes),
      target: `< ${kb(SNAPSHOT_TARGET)}`,
      ok: m.hybrid.snapshotBytes < SNAPSHOT_TARGET,
    },
    {
      figure: `heap per live PingOne flow parked at OTP_REQUIRED (${int(m.pingOne.flows)} flows)`,
      measured: kb(m.pingOne.heapPerFlow),
      target: `< ${kb(LIVE_HEAP_TARGET)}`,
      ok: m.pingOne.heapPerFlow < LIVE_HEAP_TARGET,
    },
    {
      figure: 'saved PingOne flow (`flow.toJSON()`)',
      measured: kb(m.pingOne.jsonBytes),
      target: `< ${kb(SNAPSHOT_TARGET)}`,
      ok: m.pingOne.jsonBytes < SNAPSHOT_TARGET,
    },
  ]
}

function importTargets(rows: readonly ImportTimeRow[]): Target[] {
  const row = rows.find((r) => r.specifier === IMPORT_TARGET_ENTRY)
  if (!row) return []
  return [
    {
      figure: `cold import of ${IMPORT_TARGET_ENTRY} (median)`,
      measured: row.error ? `failed: ${row.error}` : ms(row.median, 1),
      target: `< ${IMPORT_TARGET_MS} ms`,
      ok: !row.error && row.median < IMPORT_TARGET_MS,
    },
  ]
}

/** The product's target for a bundle, else its CI budget. */
const targetOf = (r: SizeRow): number | undefined => SIZE_TARGETS[r.name] ?? r.limit

function sizeTargets(rows: readonly SizeRow[]): Target[] {
  return rows
    .filter((r) => targetOf(r) !== undefined)
    .map((r) => ({
      figure: `bundle: ${r.name} (brotli)`,
      measured: kb(r.size),
      target: `≤ ${kb(targetOf(r) ?? 0)}`,
      ok: r.size <= (targetOf(r) ?? 0),
    }))
}

/** Every figure that has a target, with ✅/❌. */
export function targets(results: BenchResults): Target[] {
  return [
    ...(results.overhead ? overheadTargets(results.overhead) : []),
    ...(results.throughput ? throughputTargets(results.throughput) : []),
    ...(results.memory ? memoryTargets(results.memory) : []),
    ...(results.imports ? importTargets(results.imports) : []),
    ...(results.sizes ? sizeTargets(results.sizes) : []),
    ...(results.neutral
      ? [
          {
            figure: 'browser / React Native / Deno entries import no Node built-in',
            measured: `${results.neutral.findings.length} problem(s) in ${results.neutral.checked.length} entries`,
            target: '0',
            ok: results.neutral.findings.length === 0,
          },
        ]
      : []),
  ]
}

function machineSection(m: MachineInfo, results: BenchResults): string {
  const load = (l: readonly number[]) => l.map((x) => x.toFixed(2)).join(' / ')
  // The start is what matters: by the end the bench's own two processes are in the average.
  const busy = (m.loadAverage[0] ?? 0) > m.cores / 2
  return `## Machine

${table(
  [
    'CPU',
    'cores',
    'memory',
    'OS',
    'Node',
    'date',
    'bench run',
    'load average 1/5/15 min: at start → at end (the bench included)',
  ],
  [
    [
      m.cpu,
      String(m.cores),
      `${m.memoryGiB} GiB`,
      m.os,
      m.node,
      m.date,
      `${Math.round(results.seconds)} s`,
      `${load(m.loadAverage)} → ${load(results.loadAverage ?? [])}`,
    ],
  ],
)}
${
  busy
    ? `
**The machine was busy with other work when this run started** (1-minute load average above half
the cores): absolute times are inflated and noisier; ratios of interleaved measurements suffer least.
`
    : ''
}
Packages: ${m.packages.map((p) => `\`${p.name}@${p.version}\``).join(', ')}.
Dependencies: ${m.dependencies.map((d) => `${d.name} ${d.version}`).join(', ')}.`
}

function summarySection(results: BenchResults): string {
  const rows = targets(results)
  const missed = rows.filter((r) => r.ok === false)
  const judged = rows.filter((r) => r.ok !== undefined)
  const failed = Object.entries(results.failures)
  return `## Summary

${table(
  ['figure', 'measured', 'target', ''],
  rows.map((r) => [r.figure, r.measured, r.target, r.ok === undefined ? '' : mark(r.ok)]),
)}

${missed.length === 0 ? 'Every target holds.' : `**${missed.length} of ${judged.length} targets are missed**; each section below says what limits the figure.`}${
  failed.length > 0
    ? `\n\n**Sections that could not run:** ${failed.map(([name, why]) => `${name} (${why})`).join('; ')}.`
    : ''
}`
}

function overheadSection(o: OverheadResult): string {
  const v = ['ours', 'clients', 'baseline'] as const
  const row = (figure: string, pick: (variant: Variant) => number[], p: number, digits = 2): string[] => {
    const value = (variant: Variant) => percentile(pick(variant), p)
    return [
      figure,
      ...v.map((variant) => ms(value(variant), digits)),
      ratio(value('ours') / value('baseline')),
      ratio(value('clients') / value('baseline')),
    ]
  }
  const rows = [
    row('in-process, wall, median', (x) => o.inProcess[x], 50),
    row('in-process, wall, p95', (x) => o.inProcess[x], 95),
    row('loopback, wall, median', (x) => o.loopback[x].wall, 50),
    row('loopback, wall, p95', (x) => o.loopback[x].wall, 95),
    row('loopback, client CPU, median', (x) => o.loopback[x].cpu, 50),
    row('loopback, client CPU, p95', (x) => o.loopback[x].cpu, 95),
  ]
  const emulator = v.map((x) => ms(median(o.loopback[x].emulatorCpu)))

  // What each layer adds, from the same interleaved rounds: the machine is ours − clients.
  const cpu = (x: Variant) => median(o.loopback[x].cpu)
  const base = cpu('baseline')
  const share = (x: number) => `${int((100 * x) / base)} %`
  const machineMs = cpu('ours') - cpu('clients')
  const clientsMs = cpu('clients') - base
  const kB = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`
  const alloc = o.allocations
  const names = [...new Set(v.flatMap((x) => Object.keys(alloc[x])))]
    .map((name) => ({ name, bytes: v.map((x) => alloc[x][name] ?? 0) }))
    .sort((a, b) => (b.bytes[0] ?? 0) - (a.bytes[0] ?? 0))
  const total = v.map((x) => Object.values(alloc[x]).reduce((t, b) => t + b, 0))
  const of = (name: string, x: Variant) => alloc[x][name] ?? 0
  const xstateBytes = of('xstate', 'ours')
  const jarBytes = of('cookie jar (fetch-cookie, tough-cookie, tldts)', 'clients')

  return `## 1. A full hybrid login against hand-written \`fetch\`

One login = PingFederate authorize (\`pi.flow\`) → \`checkUsernamePassword\` → code exchange with PKCE and
id_token validation → login_hint_token (HS256) → PingOne authorize (MFA-only) → \`device.select\` (TOTP) →
\`otp.check\` → resume → code exchange with PKCE and id_token validation: 9 HTTP calls, user \`ann\`.
Discovery and JWKS are fetched once per client and cached, by both sides.

- **ours**: \`runHybridLogin\` over \`createHybridLoginMachine\` and both clients (their Node entries: one
  fetch-cookie and tough-cookie jar per flow), as an app or BFF would use them.
- **clients only**: the same login through \`createPingFederateClient\` / \`createPingOneClient\` /
  \`createLoginHintToken\` without the orchestrator, to tell the clients' cost from the machine's.
- **baseline**: the same 9 calls with plain \`fetch\`: cookies in a \`Map\` sent as a header, PKCE with
  \`crypto.subtle\`, id_tokens checked with jose \`jwtVerify\` + \`createLocalJWKSet\` (signature, \`iss\`, \`aud\`,
  \`exp\`, \`nonce\`), \`state\` checked.

The three run interleaved (ours, clients, baseline, ours, …) in one process, after ${o.options.warmup} warm-up
rounds, ${o.options.rounds} measured rounds per mode. **In-process**: the emulator answers through \`emu.fetch\`
in the same process (no socket); only wall time is reported, since the emulator's CPU is in the same
process. **Loopback**: the emulator runs in a child process (\`startEmulator\` on 127.0.0.1), so the
benchmark process's \`process.cpuUsage()\` around a login is the client's CPU alone.

${table(['figure', ...v.map((x) => LABEL[x]), 'ours ÷ baseline', 'clients ÷ baseline'], rows)}

The targets are on client CPU over loopback (the median row): the two clients alone ≤ ${CLIENTS_TARGET}× the
baseline, the whole orchestrated login ≤ ${OURS_TARGET}×. Wall time is shown for comparison; it includes the
emulator's work and the round trips, the same for all three.

The emulator's CPU per login (its own process, loopback) is the same for all three, as it should be
for the same calls: ${v.map((x, i) => `${x} ${emulator[i]}`).join(', ')}.

### Where the extra CPU goes

From the same interleaved loopback rounds (client CPU, medians): the orchestrator — the xstate machine
and \`runHybridLogin\` — adds **${ms(machineMs)}** per login (ours − clients), **${share(machineMs)}** of a whole
baseline login; the two clients add **${ms(clientsMs)}** (clients − baseline), **${share(clientsMs)}**.

Memory allocated per login, by component (V8's sampling heap profiler over ${o.options.profiledLogins} loopback logins
of each; what Node's own code allocates is charged to the package that called it):

${table(
  ['component', ...v.map((x) => LABEL[x])],
  [
    ...names
      .filter((c) => c.bytes.some((b) => b >= 2048))
      .map((c) => [c.name, ...c.bytes.map((b) => (b === 0 ? '–' : kB(b)))]),
    ['**total**', ...total.map((b) => `**${kB(b)}**`)],
  ],
)}

**Against the targets**: the two clients alone are at ${ratio(cpu('clients') / base)} (target ≤ ${CLIENTS_TARGET}×: ${cpu('clients') / base <= CLIENTS_TARGET ? 'met' : '**missed**'}),
the whole orchestrated login at ${ratio(cpu('ours') / base)} (target ≤ ${OURS_TARGET}×: ${cpu('ours') / base <= OURS_TARGET ? 'met' : '**missed**'}).

**What limits it.**

1. **ky's way of sending.** ky builds a \`Request\` for each call (merging its defaults, the call's
   options and headers into new objects on the way) and clones it before each attempt so that it can
   retry; ${kB(of('ky', 'clients'))} per login. fetch-cookie reads only a URL and a plain init (TOOLCHAIN pitfall 3), so
   the transport hands ky's \`Request\` on unpacked, and undici's \`fetch\` builds its own \`Request\` from that.
   Measured alone against a canned answer, a POST through the transport costs ~65–75 µs of CPU more than
   the bare \`fetch\` on this machine, nearly all of it ky's: about 0.6 ms of a 9-call login. ARCHITECTURE.md
   makes ky the transport, so this stays; what could be cut around it is listed below.
2. **The cookie jar.** fetch-cookie over tough-cookie does the RFC 6265 work for every request and
   answer (domain and path matching to build \`Cookie\`, set-cookie-parser and tough-cookie's parse of
   each \`Set-Cookie\`; the emulator, like PingFederate, rotates \`PF\` on most answers): ${kB(jarBytes)} per login,
   where the baseline keeps one \`Map\`.
3. **The machine** (ours only). A login is 11 events through the xstate machine and 7 invoked promise
   actors; xstate builds a snapshot for every microstep and \`assign\` and an \`Actor\` per step:
   ${kB(xstateBytes)} per login, ${int((100 * xstateBytes) / (total[0] ?? 1))} % of all that ours allocates, ${ms(machineMs)} of CPU.
4. **What the baseline leaves out**: a deadline and a signal on every call (invariant 6; the baseline
   would hang on a server that stops answering), frozen state snapshots, the id_token checks it skips
   (\`at_hash\`, \`azp\`, \`auth_time\`), redaction of every error.
5. **GC and other threads.** \`process.cpuUsage()\` counts V8's GC helper threads and libuv's pool
   (WebCrypto) as well as the main thread, so every allocated kilobyte above costs CPU twice.

**Done to pay for the stack**: the body goes from the dialect straight to \`fetch\` (given to ky it would
become a stream that ky tees for each attempt); only a GET that may be retried gives ky a signal (an
\`AbortSignal.any\` per call) and has its retried statuses thrown, so ky retries them natively and no
answer is cloned for a hook; ky's per-attempt timeout is off (the call's own deadline bounds every
attempt and wait); fetch-cookie works over tough-cookie's synchronous calls on the in-memory store
(no callback-to-promise layers), with no lookup while a new flow's jar is empty and the serialised jar
reused until an answer sets a cookie; jose's verifier is imported once, on first use, and one key set
is built per JWKS fetch; the orchestrator keeps each live \`Flow\` between steps, routes each answer with
guards on the transition that receives it and resets a stage's context on the transition into it.

**Left to try**: build the \`Cookie\` header from the jar's cookies without tough-cookie's full lookup
when no cookie has changed; fewer machine states or actors would cut xstate's share, but the states are
what apps render from (\`hybridLoginPhase\`, \`snapshot.matches\`), so they stay.

Wall time over loopback includes the emulator's work and the socket round trips, the same for all
three, so the wall-time ratios are smaller than the CPU ratio.`
}

/** The rows of one stack, by concurrency. */
const rowsOf = (rows: readonly ThroughputRow[], variant: ThroughputRow['variant']) =>
  rows.filter((r) => r.variant === variant)

/**
 * Client CPU per login at each level, ours beside the baseline's: what the client itself costs under
 * load, whatever the emulator's speed (which limits logins per second as much as ours does).
 */
function throughputTargets(rows: readonly ThroughputRow[]): Target[] {
  return rowsOf(rows, 'ours').flatMap((r) => {
    const base = rows.find((b) => b.variant === 'baseline' && b.concurrency === r.concurrency)
    if (!base) return []
    return [
      {
        figure: `client CPU per login at ${int(r.concurrency)} concurrent user${r.concurrency === 1 ? '' : 's'}: ours / baseline`,
        measured: `${ms(r.clientCpuPerLogin)} / ${ms(base.clientCpuPerLogin)} (${ratio(r.clientCpuPerLogin / base.clientCpuPerLogin)})`,
        target: 'shown for comparison',
      },
    ]
  })
}

function throughputSection(rows: readonly ThroughputRow[]): string {
  return `## 2. Throughput: concurrent complete logins

The emulator runs in a child process (loopback HTTP, one fresh emulator per row); each concurrent
user is a different emulator user (a TOTP and an SMS device, device prompt), and each login is the
full hybrid login above. Counts are bounded: the table's *logins* are all there are at that
concurrency (e.g. 1,000 users = 1,000 logins all started at once). *Client CPU per login* is this
process's CPU over the logins it completed: what the client costs under load, the figure to compare.
Logins per second depend on the emulator as much as on the client (on these 2 cores each process
has one), so they are shown, not judged.

${table(
  [
    'concurrent users',
    'logins',
    'stack',
    'client CPU / login',
    'ours ÷ baseline',
    'emulator CPU / login',
    'logins/s',
    'p50',
    'p99',
    'client load',
    'errors',
  ],
  rows.map((r) => {
    const base = rows.find((b) => b.variant === 'baseline' && b.concurrency === r.concurrency)
    return [
      int(r.concurrency),
      int(r.logins),
      r.variant === 'ours' ? 'ours' : 'baseline',
      ms(r.clientCpuPerLogin),
      r.variant === 'ours' && base ? ratio(r.clientCpuPerLogin / base.clientCpuPerLogin) : '',
      ms(r.emulatorCpuPerLogin),
      r.perSecond.toFixed(0),
      ms(r.p50, 1),
      ms(r.p99, 1),
      r.clientLoad.toFixed(2),
      r.errors === 0 ? '0' : `${r.errors} (${r.firstError ?? ''})`,
    ]
  }),
)}

At one user a login is latency-bound (9 sequential round trips); with more, latency grows with the
queue: at 1,000 simultaneous users every login waits behind the others. Client CPU per login grows
with the number of live logins (more GC work per login), for both stacks; the ratio is section 1's.`
}

function memorySection(m: MemoryResult): string {
  const part = (prefix: string) => m.hybrid.snapshotParts.find((p) => p.part.startsWith(prefix))?.bytes ?? 0
  const whole = m.hybrid.snapshotParts.filter((p) => !p.part.startsWith('…')).reduce((t, p) => t + p.bytes, 0)
  const rows = memoryTargets(m).map((t) => [t.figure, t.measured, t.target, mark(t.ok)])
  return `## 3. Memory per suspended login

A fresh process run with \`--expose-gc\` parks logins and measures \`heapUsed\` after \`global.gc()\`
(before vs after, divided by the count); its emulator runs in another process over loopback, so the
heap holds client state only. Both paths are warmed up first so that what is made once (JWKS, sockets,
compiled code) is in the base line.

- **hybrid**: ${int(m.flows)} \`createActor(createHybridLoginMachine(…))\` actors driven through PingFederate's
  password and PingOne's \`device.select\` to \`OTP_REQUIRED\`, kept running (parked in ${m.hybrid.seconds.toFixed(0)} s).
  The persisted size is \`JSON.stringify(actor.getPersistedSnapshot())\` in bytes, averaged over all of them.
- **PingOne** (a breakdown: the client alone): ${int(m.pingOne.flows)} \`p1.startFlow()\` flows (MFA-only, login_hint_token) taken to \`OTP_REQUIRED\`
  (parked in ${m.pingOne.seconds.toFixed(0)} s); the saved size is \`JSON.stringify(flow.toJSON())\`.

${table(['figure', 'measured', 'target', ''], rows)}

**What is in a persisted hybrid snapshot** (what a stateless BFF stores between two requests), one
of them taken apart:

${table(
  ['part', 'bytes'],
  m.hybrid.snapshotParts.map((p) => [p.part, int(p.bytes)]),
)}

**What limits it, and the fixes** (in \`@redirectless/orchestrator\` and \`@redirectless/core\`):

- The finished PingFederate flow's secrets stay in the vault after its code exchange, though
  nothing reads them again: dropping \`vault.pingFederate\` once PingFederate's tokens are in would
  make this snapshot ${kb(whole - part('vault.pingFederate:'))}.
- Each cookie jar is tough-cookie's full \`serializeSync()\` form (version, store type, flags, creation
  and last-access dates), ${int(part('…of which'))} bytes here, where \`[name, value, path, expires]\` per cookie
  (~100 bytes) is all a flow needs to be restored: a compact jar form, or the small jar of
  section 1, would save most of it.

The live heap is well under its target already.`
}

function storeSection(rows: readonly StoreRow[]): string {
  const memory = rows.find((r) => r.store === 'memory')
  const redis = rows.find((r) => r.store === 'redis')
  return `## 3b. Logins in a store: memory and Redis

What a backend on many instances does per request (\`createLoginStore\`, docs/scaling.md): claim the
login with a compare-and-set, run the step, keep the sealed result (or delete the login once it has
ended). ${memory?.logins ?? 0} hybrid logins of 4 requests each (start, password, device, OTP), ${memory?.concurrency ?? 0} at a
time, the emulator in-process so that the store is what differs; Redis is a real \`redis-server\` on a
unix socket.

${table(
  ['store', 'logins', 'store calls per login', 'get / put / delete', 'logins/s', 'median login'],
  rows.map((r) => [
    r.store,
    int(r.logins),
    r.perLogin.total.toFixed(1),
    `${r.perLogin.get.toFixed(1)} / ${r.perLogin.put.toFixed(1)} / ${r.perLogin.delete.toFixed(1)}`,
    r.loginsPerSecond.toFixed(0),
    ms(r.medianMs, 1),
  ]),
)}

Each request after the first is one read and two compare-and-set writes (the claim, then the result),
and the last one deletes instead of writing: ${memory ? memory.perLogin.total.toFixed(0) : '—'} store calls per login. ${
    memory && redis
      ? `A login took ${ms(redis.medianMs, 1)} with Redis and ${ms(memory.medianMs, 1)} with memory (median, ${ratio(redis.medianMs / memory.medianMs)}): each Redis call is a round trip to another process.`
      : ''
  }`
}

function importSection(rows: readonly ImportTimeRow[], runs: number): string {
  const line = (r: ImportTimeRow) => {
    const targeted = r.specifier === IMPORT_TARGET_ENTRY
    return [
      r.dependency ? `${r.specifier} (dependency, alone)` : `\`${r.specifier}\``,
      r.file ? `\`${r.file.replace(/^.*\/packages\//, 'packages/')}\`` : '—',
      r.error ? `failed: ${r.error}` : ms(r.median, 1),
      r.error ? '—' : ms(Math.min(...r.samples), 1),
      r.error ? '—' : ms(Math.max(...r.samples), 1),
      targeted ? `< ${IMPORT_TARGET_MS} ms` : '—',
      targeted ? mark(!r.error && r.median < IMPORT_TARGET_MS) : '—',
    ]
  }
  const dep = (name: string) => rows.find((r) => r.dependency && r.specifier === name)
  const depTime = (name: string) => {
    const r = dep(name)
    return r && !r.error ? ms(r.median, 0) : '—'
  }
  const target = rows.find((r) => r.specifier === IMPORT_TARGET_ENTRY && !r.error)
  const margin =
    target && Math.abs(target.median - IMPORT_TARGET_MS) < IMPORT_TARGET_MS * 0.2
      ? `\`$IMPORT_TARGET_ENTRY\` is within $ms(Math.abs(target.median - IMPORT_TARGET_MS), 1)of its target: import times move with the
machine's load more than any other figure here, and a busy machine puts it on the other side.

`
      : ''
  const entryTime = (specifier: string) => {
    const r = rows.find((x) => !x.dependency && x.specifier === specifier)
    return r && !r.error ? ms(r.median, 0) : '—'
  }
  return `## 4. Cold import time

Each measurement is a fresh \`node\` process that times \`await import('<package>')\` (Node's own start-up
excluded), resolving the package by name as an application would (from the package's own
directory, Node's self-reference): the built \`dist\` files, and the \`node\` export where there is one.
${runs} run${runs === 1 ? '' : 's'} per entry, round-robin, median. The dependencies are timed the same way, alone, to show
what the entries' times are made of.

${table(['entry', 'file', 'median', 'min', 'max', 'target', ''], rows.map(line))}

${margin}**What limits it.** Node's ESM loader pays per module file, and the entries load many:

- xstate takes ${depTime('xstate')} alone, and the orchestrator needs it at import;
- on Node the clients' \`node\` entries load fetch-cookie (${depTime('fetch-cookie')}) and tough-cookie
  (${depTime('tough-cookie')}) with tldts's public-suffix list eagerly, before any flow needs a jar;
- \`pingone/jwt\` and \`pingone/webauthn\` import core's index for \`RedirectlessError\`/\`ErrorCodes\`:
  ${entryTime('@redirectless/pingone/jwt')} and ${entryTime('@redirectless/pingone/webauthn')}.

What is not loaded at import: ky (${depTime('ky')} alone, most of it Node's fetch machinery, undici, which
importing ky starts) loads on a client's first call, which would start undici anyway; jose's id_token
verifier loads when a flow completes; the orchestrator's sealing (jose's JWE code) with the first
\`sealSnapshot\`/\`unsealSnapshot\`, and the JWT builders with the first \`loginHintTokenFromSecret\` token.

Fix left: the Node cookie jar loaded on first use.`
}

function sizeSection(rows: readonly SizeRow[]): string {
  const failing = rows.filter((r) => {
    const t = targetOf(r)
    return t !== undefined && r.size > t
  })
  const cost = (name: string) => {
    const found = rows
      .flatMap((r) => r.costs?.each ?? [])
      .filter((c) => c.name === name)
      .map((c) => c.brotli)
    return found.length === 0 ? '—' : kb(Math.max(...found))
  }
  return `## 5. Bundle size

What a user's bundle grows by: size-limit (\`.size-limit.cjs\`, \`pnpm size\`, run in CI after \`pnpm build\`)
bundles a realistic import of the built files with esbuild (ESM, minified, tree-shaken, dependencies
included, \`browser\` conditions; Node-only entries with \`platform: 'node'\`) and brotli-compresses it.
1 kB = 1000 bytes. *Largest parts* come from esbuild's metafile of the same bundle (minified bytes);
*dependency cost* is how much smaller the brotli bundle gets with that dependency left out.

${table(
  [
    'entry (import)',
    'brotli',
    'target',
    'CI gate',
    '',
    'minified',
    'largest parts (minified)',
    'dependency cost (brotli)',
  ],
  rows.map((r) => [
    r.name,
    kb(r.size),
    targetOf(r) === undefined ? 'informative' : kb(targetOf(r) ?? 0),
    r.limit === undefined ? '—' : kb(r.limit),
    mark(r.size <= (targetOf(r) ?? Number.POSITIVE_INFINITY)),
    kb(r.minified),
    r.byPackage
      .slice(0, 5)
      .map((p) => `${p.name} ${kb(p.bytes)}`)
      .join(', '),
    r.costs ? r.costs.each.map((c) => `${c.name} ${kb(c.brotli)}`).join(', ') || '—' : '—',
  ]),
)}

Peers, as their projects' issues and bundle reports give them (for scale; their own measurements):

${table(
  ['library', 'size'],
  PEERS.map(([name, size]) => [name, size]),
)}
${
  failing.length === 0
    ? ''
    : `
### What dominates the bundles over budget

${failing
  .map(
    (r) =>
      `- **${r.name}** (${kb(r.size)} > ${kb(targetOf(r) ?? 0)}): ${r.topModules
        .slice(0, 5)
        .map((m) => `\`${m.path}\` ${kb(m.bytes)}`)
        .join(', ')} (minified).`,
  )
  .join('\n')}

### Fixes

Trim what *largest parts* names: xstate (${cost('xstate')}) stays, the machine is the architecture.`
}

### How the budgets are met

- **What loads first, and what later.** The product budgets measure what a browser loads before a
  flow's first answer. jose's id_token verifier (\`jwtVerify\`, the local key set, jose's JWK import) is
  a dynamic \`import()\` that \`@redirectless/core\` makes when a flow completes (and when the first JWKS
  arrives), so it is a separate chunk for every bundler; the *with lazy chunks* rows count it too, each
  with a cap at today's size plus a margin so that it cannot grow unnoticed. A flow that never
  completes (cancelled, failed, a \`RESUME\` left to a browser) never loads it.
- **The stack, used where it is cheapest.** One \`ky.create()\` per client; jose imported by subpath
  (\`jose/jwt/verify\`, \`jose/jwks/local\`, \`jose/errors\`, \`jose/base64url\`, \`jose/jwt/sign\`) so that
  nothing of jose's encryption or key generation is bundled; fetch-cookie and tough-cookie only in the
  Node entry (\`@redirectless/core/cookies\`), as browsers and React Native keep cookies themselves.
- **\`@redirectless/pingone/jwt\`** is jose's \`SignJWT\` with what it needs to accept a secret, a
  \`CryptoKey\`, a JWK or a \`KeyObject\` (jose's key normalisation is one code path for all of them)
  plus the claim checks and coded errors: its 6 kB target is **missed**, jose's signing code alone is
  about 4–4.5 kB of it. It is a server entry (the signing secret never ships to a browser), so its size
  costs start-up time on a server, not a page load.
- **xstate without \`setup()\`'s action creators.** The machine is typed by \`setup()\` but built with
  \`createMachine(config, { actors })\`, which is all \`setup()\` does at run time besides returning every
  action creator xstate has (sendTo, raise, log, emit, …) in an object no bundler can drop.
- **The hybrid budget is what a browser app imports**: the machine, \`submitEvent\`, \`hybridLoginPhase\` and
  xstate's \`createActor\`, with both clients. \`runHybridLogin\` (the promise API for scripts and CLIs) is
  measured as its own entry.`
}

function neutralSection(n: NonNullable<BenchResults['neutral']>): string {
  return `## 6. Browser, React Native and Deno entries import no Node built-in

\`pnpm check:neutral\` (\`bench/check-neutral.ts\`) bundles each of ${n.checked.map((s) => `\`${s}\``).join(', ')}
with esbuild's \`neutral\` platform under the \`browser\`, \`react-native\` and \`deno\` export conditions and fails
on any \`node:*\` or bare built-in import anywhere in the graph. Result: ${
    n.findings.length === 0
      ? 'none found ✅'
      : `❌\n\n${n.findings.map((f) => `- \`${f.entry}\` [${f.runtime}]: ${f.problem}`).join('\n')}`
  }.`
}

/** docs/benchmarks.md, from one run's results. */
export function renderReport(results: BenchResults): string {
  const parts = [
    `# Benchmarks

Generated by \`pnpm bench\` (\`bench/run.ts\`); do not edit by hand — run it again. The logins run the
packages' TypeScript sources (\`node --conditions=@redirectless/source --import tsx\`, the same code the tests run);
import times and bundle sizes use the built \`dist\` files (\`pnpm build\` first — \`pnpm bench\` runs it).
No figure here is asserted anywhere: wall time is never a test. \`pnpm bench:smoke\` runs every section
with a handful of iterations to check the harness and leaves this file alone.`,
    machineSection(results.machine, results),
    summarySection(results),
  ]
  if (results.overhead) parts.push(overheadSection(results.overhead))
  if (results.throughput) parts.push(throughputSection(results.throughput))
  if (results.memory) parts.push(memorySection(results.memory))
  if (results.stores) parts.push(storeSection(results.stores))
  if (results.imports) parts.push(importSection(results.imports, results.plan.importRuns))
  if (results.sizes) parts.push(sizeSection(results.sizes))
  if (results.neutral) parts.push(neutralSection(results.neutral))
  return `${parts.join('\n\n')}\n`
}
