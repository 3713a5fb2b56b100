import { inspect } from 'node:util'
import { isRedirectlessError } from '@redirectless/core'
import { toughCookieJar } from '@redirectless/core/cookies'
import {
  createEmulator,
  defaultPingFederateConfig,
  defaultPingOneConfig,
  type Emulator,
  type EmulatorOptions,
} from '@redirectless/emulator'
import {
  createHybridLoginMachine,
  fromHybridError,
  type HybridLoginContext,
  type HybridLoginOptions,
  type HybridLoginPhase,
  hybridLoginPhase,
  submitEvent,
} from '@redirectless/orchestrator'
import { createPingFederateClient } from '@redirectless/pingfederate'
import { createLoginHintToken } from '@redirectless/pingone'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { createActor, waitFor } from 'xstate'
import { otpFor, p1Client, pfClient } from '../reliability/support/clients.js'
import { CANARY, errorTexts, found, safeJson } from './support/canaries.js'

type FetchLike = (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>

// --- the environment: canary passwords, client secrets and 10-digit OTPs ---------------------------
const device = (n: number, type: 'SMS' | 'MOBILE') => ({
  id: `de71ce00-0000-4000-8000-00000000c${String(n).padStart(3, '0')}`,
  type,
  ...(type === 'SMS' && { phone: `+1555000${String(n).padStart(4, '0')}` }),
})
const P1_USERS = [
  { id: '00000000-0000-4000-8ca0-000000000001', username: 'cara', devices: [device(1, 'SMS')] },
  { id: '00000000-0000-4000-8ca0-000000000002', username: 'lockie', devices: [device(2, 'SMS')] },
  { id: '00000000-0000-4000-8ca0-000000000003', username: 'pushy', devices: [device(3, 'MOBILE')] },
]
const OPTIONS: EmulatorOptions = {
  pingFederate: {
    clients: defaultPingFederateConfig.clients.map((c) =>
      c.clientSecret ? { ...c, clientSecret: CANARY.pfClientSecret } : c,
    ),
    users: [
      ...defaultPingFederateConfig.users,
      { username: 'cara', password: CANARY.password },
      { username: 'lockie', password: CANARY.password, lockable: true },
      { username: 'pushy', password: CANARY.password },
    ],
    lockout: { answer: 'failed', maxFailedAttempts: 2 },
  },
  pingOne: {
    applications: defaultPingOneConfig.applications.map((a) =>
      a.id === defaultPingOneConfig.defaultClientId
        ? { ...a, clientSecret: CANARY.p1ClientSecret }
        : a.id === defaultPingOneConfig.loginHintIssuerId
          ? { ...a, clientSecret: CANARY.loginHintSecret }
          : a,
    ),
    users: [...defaultPingOneConfig.users, ...P1_USERS],
    otpLength: { SMS: 10, EMAIL: 10, VOICE: 10, TOTP: 6 },
  },
}

// --- what is captured: every place a secret could end up ---------------------------------------------
const capture = {
  logs: [] as string[],
  errors: [] as unknown[],
  events: [] as unknown[],
  contexts: [] as unknown[],
  snapshots: [] as unknown[],
}
// What the wire carried: the tokens and cookies that may live only in the vault, and the minted JWTs.
const issued = { tokens: new Set<string>(), cookies: new Set<string>(), loginHintTokens: new Set<string>() }

/** Notes every token and cookie the servers hand out, so they can be looked for afterwards. */
function harvesting(base: FetchLike): FetchLike {
  return async (input, init) => {
    const response = await base(input, init)
    for (const c of response.headers.getSetCookie()) {
      const value = c.split(';')[0]?.split('=').slice(1).join('=')
      if (value) issued.cookies.add(value)
    }
    const text = await response.clone().text()
    try {
      const body = JSON.parse(text) as Record<string, unknown>
      for (const holder of [body, body.authorizeResponse as Record<string, unknown> | undefined]) {
        for (const name of ['access_token', 'id_token', 'refresh_token']) {
          const token = holder?.[name]
          if (typeof token === 'string') issued.tokens.add(token)
        }
      }
    } catch {
      // Not JSON: nothing issued.
    }
    return response
  }
}

function hybridOptions(emu: Emulator, extra: Partial<HybridLoginOptions> = {}): HybridLoginOptions {
  const fetch = harvesting(emu.fetch)
  const bff = emu.pingFederate.bffClient
  if (!bff) throw new Error('the emulator has no confidential PingFederate client')
  return {
    // The confidential client: its secret goes out on every token call.
    pingFederate: createPingFederateClient({
      baseUrl: emu.pingFederate.baseUrl,
      clientId: bff.clientId,
      clientSecret: bff.clientSecret,
      cookies: toughCookieJar,
      fetch,
    }),
    pingOne: p1Client(emu, fetch),
    loginHintToken: async ({ subject }) => {
      const token = await createLoginHintToken({
        issuer: emu.pingOne.loginHintIssuer.clientId,
        secret: emu.pingOne.loginHintIssuer.secret,
        audience: emu.pingOne.issuer,
        subject,
      })
      issued.loginHintTokens.add(token)
      return token
    },
    pingOneParams: { acrValues: emu.pingOne.mfaOnlyAcrValues },
    ...extra,
  }
}

type View = Omit<HybridLoginContext, 'vault'>
type Answer = ReturnType<typeof submitEvent> | { type: 'RETRY' } | { type: 'CANCEL' }
interface Script {
  readonly answer: (view: View, phase: HybridLoginPhase) => Answer
  /** Called when the machine waits on a push. */
  readonly onWaiting?: () => void
}

const SETTLED: readonly HybridLoginPhase[] = ['input', 'error', 'waiting', 'done', 'failed', 'canceled']

/**
 * Drives one hybrid login with inspection on, persisting the snapshot at every stop and keeping
 * every error the app would see. Returns where it ended and the last error code.
 */
async function drive(options: HybridLoginOptions, script: Script) {
  const actor = createActor(createHybridLoginMachine(options), {
    // The actor references in an event lead to the whole actor system; keep what an inspector shows.
    inspect: (inspection) => {
      const { actorRef, sourceRef, ...event } = inspection as typeof inspection & { sourceRef?: unknown }
      const id = (ref: unknown) => (ref as { id?: string } | undefined)?.id
      capture.events.push({ ...event, actor: id(actorRef), source: id(sourceRef) })
    },
  })
  // Every snapshot, not only the settled ones: a BFF may persist at any moment, and the short-lived
  // states (completing, deciding) hold what the settled ones no longer do.
  actor.subscribe((snapshot) => {
    capture.contexts.push(snapshot.context)
    capture.snapshots.push(actor.getPersistedSnapshot())
  })
  actor.start()
  try {
    for (let step = 0; step < 20; step++) {
      const snapshot = await waitFor(actor, (s) => SETTLED.includes(hybridLoginPhase(s)), { timeout: 10_000 })
      const phase = hybridLoginPhase(snapshot)
      const { vault: _vault, ...view } = snapshot.context
      if (view.error) capture.errors.push(fromHybridError(view.error))
      if (phase === 'done' || phase === 'failed' || phase === 'canceled')
        return { phase, code: view.error?.code }
      if (phase === 'waiting') {
        script.onWaiting?.()
        await waitFor(actor, (s) => hybridLoginPhase(s) !== 'waiting', { timeout: 10_000 })
        continue
      }
      actor.send(script.answer(view, phase))
      await waitFor(actor, (s) => s !== snapshot)
    }
    throw new Error('the login did not end in 20 steps')
  } finally {
    actor.stop()
  }
}

/** Answers as `username`, with the given passwords and OTPs in turn (the last one repeats). */
function user(
  emu: Emulator,
  username: string,
  answers: { passwords?: string[]; otps?: string[] } = {},
): Script {
  const passwords = [...(answers.passwords ?? [CANARY.password])]
  const otps = [...(answers.otps ?? [])]
  const next = (list: string[]) => (list.length > 1 ? list.shift() : list[0])
  return {
    answer: (view, phase) => {
      if (phase === 'error') return { type: 'RETRY' }
      switch (view.status) {
        case 'USERNAME_PASSWORD_REQUIRED':
          return submitEvent('checkUsernamePassword', { username, password: next(passwords) ?? '' })
        case 'OTP_REQUIRED':
          return submitEvent('otp.check', { otp: next(otps) ?? otpFor(emu, username, view.state?.id) })
        default:
          return { type: 'CANCEL' }
      }
    },
  }
}

let emu: Emulator
const spies: ReturnType<typeof vi.spyOn>[] = []
beforeAll(() => {
  emu = createEmulator(OPTIONS)
  for (const method of ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const) {
    spies.push(
      vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
        capture.logs.push(inspect(args, { depth: 12 }))
      }),
    )
  }
})
afterAll(async () => {
  for (const spy of spies) spy.mockRestore()
  await emu.close()
})

describe('every path, with canary secrets', () => {
  it('success', async () => {
    expect(await drive(hybridOptions(emu), user(emu, 'cara'))).toEqual({ phase: 'done', code: undefined })
  })

  it('a wrong password, then the right one', async () => {
    const script = user(emu, 'cara', { passwords: [CANARY.wrongPassword, CANARY.password] })
    expect(await drive(hybridOptions(emu), script)).toMatchObject({ phase: 'done' })
  })

  it('a wrong OTP, then the right one', async () => {
    let wrongSent = false
    const script = user(emu, 'cara')
    const answer: Script['answer'] = (view, phase) => {
      if (view.status !== 'OTP_REQUIRED' || wrongSent) return script.answer(view, phase)
      wrongSent = true
      return submitEvent('otp.check', { otp: CANARY.wrongOtp })
    }
    expect(await drive(hybridOptions(emu), { answer })).toMatchObject({ phase: 'done' })
  })

  it('a PingFederate account locked by wrong passwords', async () => {
    const script = user(emu, 'lockie', { passwords: [CANARY.wrongPassword] })
    expect(await drive(hybridOptions(emu), script)).toEqual({ phase: 'failed', code: 'FLOW_FAILED' })
  })

  it('PingOne OTP lockout', async () => {
    const script = user(emu, 'cara', { otps: [CANARY.wrongOtp] })
    expect(await drive(hybridOptions(emu), script)).toEqual({ phase: 'failed', code: 'FLOW_FAILED' })
  })

  it('a push the user denies', async () => {
    const script = { ...user(emu, 'pushy'), onWaiting: () => emu.push.deny('pushy') }
    expect(await drive(hybridOptions(emu), script)).toEqual({ phase: 'failed', code: 'FLOW_FAILED' })
  }, 15_000)

  it.each([
    ['PingFederate', 'USERNAME_PASSWORD_REQUIRED', 31],
    ['PingOne', 'OTP_REQUIRED', 16],
  ] as const)('a %s flow that expired', async (_stage, status, minutes) => {
    // Its own emulator: moving the clock would expire the shared one's sessions and tokens.
    const expiring = createEmulator(OPTIONS)
    const script = user(expiring, 'cara')
    const answer: Script['answer'] = (view, phase) => {
      if (view.status === status) expiring.clock.advance(minutes * 60_000)
      return script.answer(view, phase)
    }
    expect(await drive(hybridOptions(expiring), { answer })).toEqual({
      phase: 'failed',
      code: 'FLOW_EXPIRED',
    })
    await expiring.close()
  })

  it.each(['USERNAME_PASSWORD_REQUIRED', 'OTP_REQUIRED'])('cancelled at %s', async (status) => {
    const script = user(emu, 'cara')
    const answer: Script['answer'] = (view, phase) =>
      view.status === status ? { type: 'CANCEL' } : script.answer(view, phase)
    expect(await drive(hybridOptions(emu), { answer })).toMatchObject({ phase: 'canceled' })
  })

  it.each([
    [
      'a dropped connection on the OTP',
      { product: 'pingone', route: 'flow', method: 'POST', fault: { kind: 'reset' } },
      'done',
    ],
    [
      'a truncated answer to the password',
      { product: 'pingfederate', route: 'flow', method: 'POST', fault: { kind: 'truncate' } },
      'failed',
    ],
    [
      'a proxy error page at the token endpoint, retried',
      { product: 'pingfederate', route: 'token', fault: { kind: 'html' } },
      'done',
    ],
    [
      'a 503 at PingOne token, retried',
      { product: 'pingone', route: 'token', fault: { kind: 'status', status: 503 } },
      'canceled',
    ],
    [
      'a redirect at PingOne authorize',
      { product: 'pingone', route: 'authorize', fault: { kind: 'redirect' } },
      'failed',
    ],
    [
      // Every link leaves the trusted origins: nothing is offered, a submission is refused in place,
      // the flow stays where it was, and the user gives up.
      'a foreign link from PingOne authorize',
      { product: 'pingone', route: 'authorize', fault: { kind: 'foreign-link' } },
      'canceled',
    ],
  ] as const)('a fault: %s', async (_name, rule, end) => {
    const removeFault = emu.faults.add({ ...rule, times: rule.fault.kind === 'status' ? 2 : 1 })
    let retries = 0
    const script = user(emu, 'cara')
    // One RETRY, then the user gives up: both the retry and the cancel paths are walked.
    const answer: Script['answer'] = (view, phase) =>
      phase === 'error'
        ? retries++ < 1
          ? { type: 'RETRY' }
          : { type: 'CANCEL' }
        : view.error?.code === 'ACTION_NOT_AVAILABLE'
          ? { type: 'CANCEL' }
          : script.answer(view, phase)
    expect(await drive(hybridOptions(emu), { answer })).toMatchObject({ phase: end })
    removeFault()
  })

  it('a server error body that echoes a login_hint_token, a client secret and a password', async () => {
    const echoed = await createLoginHintToken({
      issuer: emu.pingOne.loginHintIssuer.clientId,
      secret: emu.pingOne.loginHintIssuer.secret,
      audience: emu.pingOne.issuer,
      subject: 'cara',
    })
    issued.loginHintTokens.add(echoed)
    const body = JSON.stringify({
      code: 'INVALID_REQUEST',
      message: `login_hint_token=${echoed}&client_secret=${CANARY.p1ClientSecret}`,
      details: [
        {
          code: 'INVALID_VALUE',
          target: echoed,
          message: `{"password":"${CANARY.password}"} Bearer ${echoed}`,
        },
      ],
    })
    const removeFault = emu.faults.add({
      product: 'pingone',
      route: 'authorize',
      times: 1,
      fault: { kind: 'status', status: 400, body },
    })
    expect(await drive(hybridOptions(emu), user(emu, 'cara'))).toEqual({
      phase: 'failed',
      code: 'FLOW_ERROR',
    })
    removeFault()
  })
})

describe('the clients on their own, with canary secrets', () => {
  const attempt = async (run: () => Promise<unknown>, code: string) => {
    const error = await run().then(
      () => undefined,
      (e: unknown) => e,
    )
    expect(isRedirectlessError(error) && error.code).toBe(code)
    capture.errors.push(error)
  }

  it('a wrong password, a wrong OTP, a wrong client secret at the token endpoint', async () => {
    const fetch = harvesting(emu.fetch)
    const bff = {
      clientId: emu.pingFederate.bffClient?.clientId ?? '',
      clientSecret: CANARY.wrongClientSecret,
    }
    const pf = createPingFederateClient({
      baseUrl: emu.pingFederate.baseUrl,
      ...bff,
      cookies: toughCookieJar,
      fetch,
    })
    const flow = await pf.startFlow({ scope: 'openid' })
    await attempt(
      () => flow.submit('checkUsernamePassword', { username: 'cara', password: CANARY.wrongPassword }),
      'FLOW_ERROR',
    )
    await flow.submit('checkUsernamePassword', { username: 'cara', password: CANARY.password })
    await attempt(() => flow.complete(), 'TOKEN_ERROR')

    const p1 = p1Client(emu, fetch)
    const token = await createLoginHintToken({
      issuer: emu.pingOne.loginHintIssuer.clientId,
      secret: emu.pingOne.loginHintIssuer.secret,
      audience: emu.pingOne.issuer,
      subject: 'cara',
    })
    issued.loginHintTokens.add(token)
    const mfa = await p1.startFlow({ scope: 'openid', acrValues: 'MFA-Only', loginHintToken: token })
    await attempt(() => mfa.submit('otp.check', { otp: CANARY.wrongOtp }), 'FLOW_ERROR')
  })

  it('a fetch whose own error quotes the request (credentials, a JWT)', async () => {
    const [jwt] = issued.loginHintTokens
    const leaky: FetchLike = async () => {
      throw new TypeError(
        `connect failed: POST ?client_secret=${CANARY.pfClientSecret} Authorization: Basic ${btoa(`x:${CANARY.pfClientSecret}`)} login_hint_token=${jwt}`,
        { cause: new Error(`password=${CANARY.password}`) },
      )
    }
    await attempt(
      () => pfClient(emu, leaky, { retry: false }).startFlow({ scope: 'openid' }),
      'NETWORK_ERROR',
    )
  })

  it('options and saved flows that are wrong, carrying secrets', async () => {
    await attempt(
      async () =>
        createPingFederateClient({
          baseUrl: emu.pingFederate.baseUrl,
          clientId: 'x',
          clientSecret: CANARY.pfClientSecret,
          tokenEndpointAuthMethod: 'none',
        }),
      'INVALID_ARGUMENT',
    )
    // A saved flow broken in its session, with live-looking cookies: the refusal does not repeat them.
    // (Not covered: a secret in `format` or `product`, which the message quotes; reported.)
    await attempt(
      async () =>
        pfClient(emu, emu.fetch).restoreFlow({
          format: 'redirectless.flow/1',
          product: 'pingfederate',
          state: { status: 'USERNAME_PASSWORD_REQUIRED' },
          session: { password: CANARY.password },
          cookies: { cookies: [{ key: 'PF', value: CANARY.pfClientSecret }] },
        }),
      'INVALID_ARGUMENT',
    )
  })
})

describe('no canary where it must not be', () => {
  const otps = () =>
    emu.outbox
      .all()
      .map((m) => m.otp)
      .filter((otp): otp is string => typeof otp === 'string' && otp.length === 10)
  const basicCredentials = () =>
    [
      [emu.pingFederate.bffClient?.clientId, CANARY.pfClientSecret],
      [emu.pingOne.clientId, CANARY.p1ClientSecret],
    ].map(([id, secret]) => btoa(`${id}:${secret}`))
  /** Never anywhere: what the user typed, what the apps know, the JWTs minted for them. */
  const secrets = () => [
    ...Object.values(CANARY),
    ...otps(),
    ...basicCredentials(),
    ...issued.loginHintTokens,
  ]
  /** Allowed only inside a persisted snapshot's vault. */
  const tokensAndCookies = () => [...issued.tokens, ...issued.cookies]
  const everything = () => [...secrets(), ...tokensAndCookies()]

  it('the canaries were really exercised', () => {
    expect(otps().length).toBeGreaterThan(5)
    expect(issued.tokens.size).toBeGreaterThan(10)
    expect(issued.cookies.size).toBeGreaterThan(10)
    expect(issued.loginHintTokens.size).toBeGreaterThan(5)
    expect(capture.errors.length).toBeGreaterThan(10)
    expect(capture.events.length).toBeGreaterThan(100)
    // The vault check below is not vacuous: persisted snapshots do carry tokens and cookies there.
    expect(found(safeJson(capture.snapshots), tokensAndCookies()).length).toBeGreaterThan(5)
  })

  it('in no log line', () => {
    expect(found(capture.logs.join('\n'), everything())).toEqual([])
  })

  it('in no error: message, String(), JSON.stringify(), util.inspect() with its cause', () => {
    expect(capture.errors.flatMap((e) => found(errorTexts(e), everything()))).toEqual([])
  })

  it('in no xstate inspection event', () => {
    // As an inspector would show them: serialised (snapshots serialise without the machine), and
    // printed, the event and the context (the snapshot object also holds the whole machine definition).
    const printed = capture.events.map((e) => {
      const { event, snapshot } = e as { event?: unknown; snapshot?: { context?: unknown } }
      return inspect({ event, context: snapshot?.context }, { depth: 12 })
    })
    const text = `${safeJson(capture.events)}\n${printed.join('\n')}`
    expect(found(text, everything())).toEqual([])
  })

  it('in no live machine context', () => {
    const text = `${safeJson(capture.contexts)}\n${inspect(capture.contexts, { depth: 12 })}`
    expect(found(text, everything())).toEqual([])
  })

  it('in no persisted snapshot: no password, OTP, client secret or login_hint_token at all', () => {
    expect(found(safeJson(capture.snapshots), secrets())).toEqual([])
  })

  it('in no persisted snapshot outside context.vault: tokens and cookies live only there', () => {
    const outsideVault = capture.snapshots.map((s) => {
      const { context, ...rest } = s as { context?: Record<string, unknown> }
      const { vault: _vault, ...publicContext } = context ?? {}
      return { ...rest, context: publicContext }
    })
    expect(found(safeJson(outsideVault), tokensAndCookies())).toEqual([])
  })
})
