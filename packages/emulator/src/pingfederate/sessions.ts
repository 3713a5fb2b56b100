import type { EmulatorClock } from '../shared/clock.js'
import { opaqueToken } from '../shared/ids.js'
import { PF_COOKIE, PF_PERSISTENT_COOKIE, readCookie, serializeCookie } from './cookies.js'

/** A PF session: what the `PF` cookie points at. It binds flows and, once authenticated, gives SSO. */
export interface Session {
  readonly id: string
  readonly createdAt: number
  lastUsed: number
  /** The only `PF` value currently accepted. */
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

/** Session lifetimes and cookie policy, taken from the half's config. */
export interface SessionSettings {
  readonly idleTimeoutSeconds: number
  readonly maxTimeoutSeconds: number
  readonly rotate: boolean
  readonly persistent: boolean
  /** Whether the half is served over https (decides the `Secure` attribute). */
  readonly secure: boolean
}

/** The PF sessions, found by their current cookie value or by id. */
export interface SessionStore {
  /** The session whose current `PF` value the request carries, if it is still alive. */
  fromCookie(request: Request): Session | undefined
  /** The session a `PF.PERSISTENT` cookie restores, if persistent sessions are on. */
  fromPersistentCookie(request: Request): Session | undefined
  byId(id: string): Session | undefined
  create(): Session
  markAuthenticated(session: Session, username: string, authTime: number): void
  /**
   * The `Set-Cookie` values for a response to a request that presented this session's cookie
   * (or created it). Rotates the values first when rotation is on or `forceNew` is set; without
   * `always`, nothing is sent unless a value changed.
   */
  issueCookies(
    session: Session,
    options?: { readonly forceNew?: boolean; readonly always?: boolean },
  ): string[]
}

/** An in-memory session store; expired sessions are dropped when read and swept when one is created. */
export function createSessionStore(clock: EmulatorClock, settings: SessionSettings): SessionStore {
  const sessions = new Map<string, Session>()
  const byCookie = new Map<string, Session>()
  const byPersistent = new Map<string, Session>()

  const expired = (s: Session, now: number) =>
    now - s.lastUsed > settings.idleTimeoutSeconds * 1000 ||
    now - s.createdAt > settings.maxTimeoutSeconds * 1000
  const drop = (s: Session) => {
    sessions.delete(s.id)
    byCookie.delete(s.cookie)
    if (s.persistentCookie) byPersistent.delete(s.persistentCookie)
  }
  const alive = (s: Session | undefined): Session | undefined => {
    if (!s) return undefined
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
  }

  return {
    fromCookie(request) {
      const value = readCookie(request, PF_COOKIE)
      return value ? alive(byCookie.get(value)) : undefined
    },
    fromPersistentCookie(request) {
      if (!settings.persistent) return undefined
      const value = readCookie(request, PF_PERSISTENT_COOKIE)
      return value ? alive(byPersistent.get(value)) : undefined
    },
    byId: (id) => alive(sessions.get(id)),
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
    issueCookies(session, { forceNew = false, always = false } = {}) {
      if (settings.rotate || forceNew) {
        session.unsent = true
        byCookie.delete(session.cookie)
        session.cookie = opaqueToken(24)
        byCookie.set(session.cookie, session)
        if (session.persistentCookie) {
          byPersistent.delete(session.persistentCookie)
          session.persistentCookie = opaqueToken(24)
          byPersistent.set(session.persistentCookie, session)
        }
      }
      if (!session.unsent && !always) return []
      session.unsent = false
      const out = [serializeCookie(PF_COOKIE, session.cookie, { secure: settings.secure })]
      if (session.persistentCookie) {
        out.push(
          serializeCookie(PF_PERSISTENT_COOKIE, session.persistentCookie, {
            secure: settings.secure,
            maxAgeSeconds: settings.maxTimeoutSeconds,
          }),
        )
      }
      return out
    },
  }
}
