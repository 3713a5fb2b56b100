import type { EmulatorClock } from '../shared/clock.js'
import { opaqueToken } from '../shared/ids.js'
import {
  type CookieAttributes,
  PF_COOKIE,
  PF_PERSISTENT_COOKIE,
  readCookie,
  resolveCookieAttributes,
  serializeCookie,
} from './cookies.js'

/** A PF session: what the `PF` cookie points at. It binds flows and, once authenticated, gives SSO. */
export interface Session {
  readonly id: string
  readonly createdAt: number
  lastUsed: number
  /** The newest `PF` value; superseded ones stay accepted for the grace period. */
  cookie: string
  persistentCookie: string | undefined
  /** Set once a flow of this session reached `COMPLETED`. */
  username: string | undefined
  authTime: number | undefined
  /** Identifiers submitted at Identifier First, offered back as `previouslySubmittedIdentifiers`. */
  identifiers: string[]
  /** A cookie value changed that no response has carried yet. */
  unsent: boolean
}

/** A session found through a request's cookie, and whether that cookie was its newest value. */
export interface PresentedSession {
  readonly session: Session
  /** False when the request carried a superseded value still inside its grace period. */
  readonly current: boolean
}

/** Session lifetimes and cookie policy, taken from the half's config. */
export interface SessionSettings {
  readonly idleTimeoutSeconds: number
  readonly maxTimeoutSeconds: number
  readonly rotate: boolean
  /**
   * How long a value replaced by rotation is still accepted. Requests already in flight carry it
   * (a double click, a poll racing a select), and PF keeps the session across such races. 0 is
   * strict: only the newest value.
   */
  readonly graceSeconds: number
  readonly persistent: boolean
  /** The half's public base URL: decides the cookie attributes under `'auto'`. */
  readonly baseUrl: string
  readonly attributes: 'auto' | CookieAttributes
}

/** The PF sessions, found by their cookie values or by id. */
export interface SessionStore {
  /** The session the request's `PF` cookie points at (newest value or one in its grace period), if alive. */
  fromCookie(request: Request): Session | undefined
  /** As {@link fromCookie}, telling whether the value was the newest. */
  presented(request: Request): PresentedSession | undefined
  /** The session a `PF.PERSISTENT` cookie restores, if persistent sessions are on. */
  fromPersistentCookie(request: Request): Session | undefined
  byId(id: string): Session | undefined
  create(): Session
  markAuthenticated(session: Session, username: string, authTime: number): void
  /** Ends the session (sign-off): neither its cookies nor its id find it any more. */
  end(session: Session): void
  /**
   * The `Set-Cookie` values for a response to a request that presented this session's cookie
   * (or created it). Rotates the values first when rotation is on or `forceNew` is set; without
   * `always`, nothing is sent unless a value changed. `keep` sends the newest values without
   * rotating, for a request that presented a superseded one: rotating again would only add live
   * values, while sending the newest lets the client catch up.
   */
  issueCookies(
    session: Session,
    options?: { readonly forceNew?: boolean; readonly always?: boolean; readonly keep?: boolean },
  ): string[]
}

/** Superseded values of one cookie, each accepted until its deadline. */
class RetiredValues {
  // Insertion order is deadline order (one grace period, a clock that only moves forward), so
  // expired entries are always at the front and sweeping stops at the first live one.
  readonly #entries = new Map<string, { readonly session: Session; readonly until: number }>()

  add(value: string, session: Session, until: number): void {
    this.#entries.set(value, { session, until })
  }

  find(value: string, now: number): Session | undefined {
    this.sweep(now)
    const entry = this.#entries.get(value)
    // Checked again: a clock set back would stop the sweep before this entry.
    return entry && entry.until > now ? entry.session : undefined
  }

  sweep(now: number): void {
    for (const [value, entry] of this.#entries) {
      if (entry.until > now) return
      this.#entries.delete(value)
    }
  }
}

/** An in-memory session store; expired sessions are dropped when read and swept when one is created. */
export function createSessionStore(clock: EmulatorClock, settings: SessionSettings): SessionStore {
  const attributes = resolveCookieAttributes(settings.baseUrl, settings.attributes)
  const sessions = new Map<string, Session>()
  const byCookie = new Map<string, Session>()
  const byPersistent = new Map<string, Session>()
  const retiredCookies = new RetiredValues()
  const retiredPersistent = new RetiredValues()

  const expired = (s: Session, now: number) =>
    now - s.lastUsed > settings.idleTimeoutSeconds * 1000 ||
    now - s.createdAt > settings.maxTimeoutSeconds * 1000
  const drop = (s: Session) => {
    sessions.delete(s.id)
    byCookie.delete(s.cookie)
    if (s.persistentCookie) byPersistent.delete(s.persistentCookie)
  }
  const alive = (s: Session | undefined): Session | undefined => {
    // A retired value may outlive its session's removal: only a session still held counts.
    if (!s || sessions.get(s.id) !== s) return undefined
    const now = clock.now()
    if (expired(s, now)) {
      drop(s)
      return undefined
    }
    s.lastUsed = now
    return s
  }
  const sweep = () => {
    const now = clock.now()
    for (const s of sessions.values()) if (expired(s, now)) drop(s)
    retiredCookies.sweep(now)
    retiredPersistent.sweep(now)
  }
  const find = (
    value: string | undefined,
    current: Map<string, Session>,
    retired: RetiredValues,
  ): PresentedSession | undefined => {
    if (!value) return undefined
    const newest = alive(current.get(value))
    if (newest) return { session: newest, current: true }
    const older = alive(retired.find(value, clock.now()))
    return older ? { session: older, current: false } : undefined
  }
  /** Replaces a value, keeping the old one for the grace period (strict mode: not at all). */
  const replace = (old: string, session: Session, current: Map<string, Session>, retired: RetiredValues) => {
    current.delete(old)
    if (settings.graceSeconds > 0) retired.add(old, session, clock.now() + settings.graceSeconds * 1000)
    const value = opaqueToken(24)
    current.set(value, session)
    return value
  }

  const presented = (request: Request) => find(readCookie(request, PF_COOKIE), byCookie, retiredCookies)

  return {
    presented,
    fromCookie: (request) => presented(request)?.session,
    fromPersistentCookie(request) {
      if (!settings.persistent) return undefined
      return find(readCookie(request, PF_PERSISTENT_COOKIE), byPersistent, retiredPersistent)?.session
    },
    byId: (id) => alive(sessions.get(id)),
    end: drop,
    create() {
      sweep()
      const now = clock.now()
      const session: Session = {
        id: crypto.randomUUID(),
        createdAt: now,
        lastUsed: now,
        cookie: opaqueToken(24),
        persistentCookie: undefined,
        username: undefined,
        authTime: undefined,
        identifiers: [],
        unsent: true,
      }
      sessions.set(session.id, session)
      byCookie.set(session.cookie, session)
      return session
    },
    markAuthenticated(session, username, authTime) {
      session.username = username
      session.authTime = authTime
      if (settings.persistent && !session.persistentCookie) {
        session.persistentCookie = opaqueToken(24)
        byPersistent.set(session.persistentCookie, session)
        session.unsent = true
      }
    },
    issueCookies(session, { forceNew = false, always = false, keep = false } = {}) {
      if (!keep && (settings.rotate || forceNew)) {
        session.unsent = true
        session.cookie = replace(session.cookie, session, byCookie, retiredCookies)
        if (session.persistentCookie) {
          session.persistentCookie = replace(
            session.persistentCookie,
            session,
            byPersistent,
            retiredPersistent,
          )
        }
      }
      if (!session.unsent && !always && !keep) return []
      session.unsent = false
      const out = [serializeCookie(PF_COOKIE, session.cookie, attributes)]
      if (session.persistentCookie) {
        out.push(
          serializeCookie(PF_PERSISTENT_COOKIE, session.persistentCookie, {
            ...attributes,
            maxAgeSeconds: settings.maxTimeoutSeconds,
          }),
        )
      }
      return out
    },
  }
}
