import { Session } from 'node:inspector/promises'

/**
 * Where a process's CPU goes, by component: V8's sampling profiler over `run`, each sample charged
 * to the nearest package on its stack. Time in Node's own code (streams, WebCrypto, AbortSignal,
 * URL parsing, undici's Request/Headers/Body classes) goes to the package that called into it, so
 * "who made the work" shows; undici's fetch pipeline and the socket callbacks it drives are one
 * component, the HTTP cost both sides pay. Idle time is left out.
 */
export async function profileByComponent(
  run: () => Promise<void>,
  intervalMicros = 200,
): Promise<Map<string, number>> {
  const session = new Session()
  session.connect()
  try {
    await session.post('Profiler.enable')
    await session.post('Profiler.setSamplingInterval', { interval: intervalMicros })
    await session.post('Profiler.start')
    await run()
    const { profile } = await session.post('Profiler.stop')
    const component = new Map<number, string | undefined>()
    const parent = new Map<number, number>()
    const frames = new Map<number, { url: string; functionName: string }>()
    for (const node of profile.nodes) {
      frames.set(node.id, node.callFrame)
      component.set(node.id, componentOf(node.callFrame.url, node.callFrame.functionName))
      for (const child of node.children ?? []) parent.set(child, node.id)
    }
    const charged = new Map<number, string>()
    const chargeOf = (leaf: number): string => {
      const known = charged.get(leaf)
      if (known) return known
      let id: number | undefined = leaf
      let name: string | undefined
      let inUndici = false
      while (id !== undefined && name === undefined) {
        const frame = frames.get(id)
        if (frame?.url.includes('undici')) {
          inUndici = true
          if (FETCH_FUNCTIONS.has(frame.functionName)) name = HTTP
        } else {
          name = component.get(id)
        }
        id = parent.get(id)
      }
      // Reaching the root from inside undici means an I/O callback: the socket and parser work of fetch.
      const result = name ?? (inUndici ? HTTP : RUNTIME)
      charged.set(leaf, result)
      return result
    }
    const micros = new Map<string, number>()
    const deltas = profile.timeDeltas ?? []
    ;(profile.samples ?? []).forEach((id, i) => {
      const name = chargeOf(id)
      if (name === 'idle') return
      micros.set(name, (micros.get(name) ?? 0) + (deltas[i] ?? 0))
    })
    return micros
  } finally {
    session.disconnect()
  }
}

const OURS = /packages\/(core|pingfederate|pingone|orchestrator|emulator)\//
const DEPENDENCY = /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)\//

const RUNTIME = 'Node event loop (nothing on the stack called it)'
const HTTP = 'HTTP: fetch() and its sockets (undici, Node)'
// undici's fetch pipeline; a sample under one of these is the request itself, whoever called fetch().
const FETCH_FUNCTIONS: ReadonlySet<string> = new Set([
  'fetch',
  'fetching',
  'mainFetch',
  'schemeFetch',
  'httpFetch',
  'httpNetworkOrCacheFetch',
  'httpNetworkFetch',
])

/** The component a frame belongs to, or undefined for Node's own code (charged to its caller). */
function componentOf(url: string, functionName: string): string | undefined {
  if (functionName === '(idle)') return 'idle'
  if (functionName === '(garbage collector)') return 'GC'
  if (functionName === '(program)') return 'V8 (compiling, runtime)'
  const ours = OURS.exec(url)
  if (ours) return `@redirectless/${ours[1]}`
  const dependency = DEPENDENCY.exec(url)
  if (dependency) {
    const name = dependency[1] as string
    // The Node cookie jar is three packages; they are one cost.
    return name === 'tldts' || name === 'tldts-core' || name === 'tough-cookie'
      ? 'cookie jar (tough-cookie, tldts)'
      : name
  }
  // For the baseline this is its hand-written client, which lives in bench/login/baseline.ts.
  if (url.includes('/bench/')) return 'bench/ (the harness; for the baseline, its client code)'
  return undefined
}
