import { AsyncLocalStorage } from 'node:async_hooks'

type FetchLike = (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>

/** One request and its answer, with the flow (owner) it was made for. */
export interface Exchange {
  readonly owner: string | undefined
  readonly url: string
  /** `name=value` pairs of the Cookie header sent. */
  readonly sent: readonly { readonly name: string; readonly value: string }[]
  /** Cookies the answer set (name and value of each Set-Cookie). */
  readonly issued: readonly { readonly name: string; readonly value: string }[]
}

const pairs = (header: string | null) =>
  (header ?? '')
    .split(';')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const eq = part.indexOf('=')
      return { name: part.slice(0, eq), value: part.slice(eq + 1) }
    })

/**
 * A fetch that knows which flow each request belongs to: every flow runs inside `owner.run(name, …)`
 * and async context carries the name down into the one client all flows share, so the check below
 * needs no cooperation from the library (a client keeping one jar for all its flows would fail it).
 */
export function wireLog(base: FetchLike) {
  const owner = new AsyncLocalStorage<string>()
  const exchanges: Exchange[] = []
  const fetch: FetchLike = async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url
    const cookie =
      init?.headers !== undefined
        ? new Headers(init.headers).get('cookie')
        : input instanceof Request
          ? input.headers.get('cookie')
          : null
    const who = owner.getStore()
    const response = await base(input, init)
    exchanges.push({
      owner: who,
      url,
      sent: pairs(cookie),
      issued: response.headers
        .getSetCookie()
        .map((c) => pairs(c.split(';')[0] ?? '')[0] ?? { name: '', value: '' }),
    })
    return response
  }
  return { fetch, owner, exchanges }
}

/**
 * Every cookie value sent on a flow must have been issued to that same flow. Returns the violations
 * (empty when isolated) and how many cookies each owner sent, so a vacuous pass shows.
 */
export function cookieViolations(exchanges: readonly Exchange[]) {
  const issuedTo = new Map<string, Set<string | undefined>>()
  const violations: string[] = []
  const sentBy = new Map<string | undefined, number>()
  for (const x of exchanges) {
    // Checked in wire order: a cookie must have been issued before it is sent.
    for (const c of x.sent) {
      sentBy.set(x.owner, (sentBy.get(x.owner) ?? 0) + 1)
      const owners = issuedTo.get(c.value)
      if (!owners) violations.push(`${x.owner} sent ${c.name} never issued (${x.url})`)
      else if (!owners.has(x.owner) || owners.size > 1)
        violations.push(`${x.owner} sent ${c.name} issued to ${[...owners].join(', ')} (${x.url})`)
    }
    for (const c of x.issued) {
      const owners = issuedTo.get(c.value) ?? new Set()
      owners.add(x.owner)
      issuedTo.set(c.value, owners)
    }
  }
  const shared = [...issuedTo].filter(([, owners]) => owners.size > 1).map(([v]) => v.slice(0, 6))
  return { violations, sentBy, shared }
}
