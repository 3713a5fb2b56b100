import { Session } from 'node:inspector/promises'

/**
 * Bytes allocated while `run` runs, by component: V8's sampling heap profiler (one sample every
 * `intervalBytes` on average, objects that were collected since included), each allocation charged
 * to the nearest package on its stack. What Node's own code allocates (Headers, URL, streams,
 * AbortSignal, WebCrypto) goes to the package that called into it; undici's fetch pipeline and the
 * socket callbacks it drives are one component, the HTTP cost both sides pay.
 *
 * Allocation is what the report uses to explain CPU: sampling by bytes is steady from run to run,
 * where V8's time sampler, on this machine, moved whole milliseconds between components when only
 * its interval changed (100 µs against 200 µs), so its per-component split is not reported.
 */
export async function allocationsByComponent(
  run: () => Promise<void>,
  intervalBytes = 1024,
): Promise<Map<string, number>> {
  const session = new Session()
  session.connect()
  try {
    await session.post('HeapProfiler.enable')
    await session.post('HeapProfiler.startSampling', {
      samplingInterval: intervalBytes,
      includeObjectsCollectedByMajorGC: true,
      includeObjectsCollectedByMinorGC: true,
    } as never)
    await run()
    const { profile } = await session.post('HeapProfiler.stopSampling')
    const bytes = new Map<string, number>()
    const walk = (node: SamplingNode, inherited: string, inUndici: boolean) => {
      const { url, functionName } = node.callFrame
      let name = inherited
      let undici = inUndici
      if (url.includes('undici')) {
        undici = true
        if (FETCH_FUNCTIONS.has(functionName)) name = HTTP
        // An I/O callback that reaches undici from the event loop is the socket work of fetch.
        else if (inherited === RUNTIME) name = HTTP
      } else {
        name = componentOf(url) ?? inherited
      }
      if (node.selfSize > 0) bytes.set(name, (bytes.get(name) ?? 0) + node.selfSize)
      for (const child of node.children) walk(child, name, undici)
    }
    walk(profile.head as SamplingNode, RUNTIME, false)
    return bytes
  } finally {
    session.disconnect()
  }
}

interface SamplingNode {
  readonly callFrame: { readonly url: string; readonly functionName: string }
  readonly selfSize: number
  readonly children: readonly SamplingNode[]
}

const OURS = /packages\/(core|pingfederate|pingone|orchestrator|emulator)\//
const DEPENDENCY = /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)\//

const RUNTIME = 'Node event loop (nothing on the stack called it)'
const HTTP = 'HTTP: fetch() and its sockets (undici, Node)'
// undici's fetch pipeline; an allocation under one of these is the request itself, whoever called fetch().
const FETCH_FUNCTIONS: ReadonlySet<string> = new Set([
  'fetch',
  'fetch2',
  'fetching',
  'mainFetch',
  'schemeFetch',
  'httpFetch',
  'httpNetworkOrCacheFetch',
  'httpNetworkFetch',
])

// The Node cookie jar is five packages; they are one cost.
const COOKIE_JAR = 'cookie jar (fetch-cookie, tough-cookie, tldts)'
const COOKIE_JAR_PACKAGES: ReadonlySet<string> = new Set([
  'fetch-cookie',
  'set-cookie-parser',
  'tough-cookie',
  'tldts',
  'tldts-core',
])

/** The component a frame belongs to, or undefined for Node's own code (charged to its caller). */
function componentOf(url: string): string | undefined {
  const ours = OURS.exec(url)
  if (ours) return `@redirectless/${ours[1]}`
  const dependency = DEPENDENCY.exec(url)
  if (dependency) {
    const name = dependency[1] as string
    return COOKIE_JAR_PACKAGES.has(name) ? COOKIE_JAR : name
  }
  // For the baseline this is its hand-written client, which lives in bench/login/baseline.ts.
  if (url.includes('/bench/')) return 'bench/ (the harness; for the baseline, its client code)'
  return undefined
}
