import { toughCookieJar } from '@redirectless/core/cookies'
import { createEmulator } from '@redirectless/emulator'
import {
  createHybridLoginMachine,
  type HybridLoginAnswer,
  type HybridLoginStep,
  loginHintTokenFromSecret,
  runHybridLogin,
} from '@redirectless/orchestrator'
import { afterAll, describe, expect, it } from 'vitest'
import { loginHintFor, otpFor, p1Client, pfClient } from '../reliability/support/clients.js'
import { population } from '../reliability/support/population.js'
import { countUnhandledRejections } from '../reliability/support/process-guards.js'
import { cookieViolations, wireLog } from './support/wire-log.js'

const FLOWS = 1_000
// Generous: a thousand flows share one event loop, so any single call waits its turn.
const CALL = { timeout: 30_000 } as const

const { users, options } = population('iso', FLOWS)
const rejections = countUnhandledRejections()
afterAll(() => {
  rejections.dispose()
  expect(rejections.reasons).toEqual([])
})

describe(`cookie isolation: ${FLOWS} users signing in at once`, () => {
  it('PingFederate and PingOne flows on one client each: every result is its own user, no cookie crosses flows', async () => {
    const emu = createEmulator(options())
    const wire = wireLog(emu.fetch)
    const pf = pfClient(emu, wire.fetch, { timeout: CALL.timeout })
    const p1 = p1Client(emu, wire.fetch, { timeout: CALL.timeout })
    // Every flow is started before any is answered, so all thousand are open at the same time.
    const opened = await Promise.all(
      users.map((user) =>
        wire.owner.run(user.username, async () => {
          const loginHintToken = await loginHintFor(emu, user.username)
          return {
            user,
            pf: await pf.startFlow({ scope: 'openid profile' }, CALL),
            p1: await p1.startFlow({ scope: 'openid', acrValues: 'MFA-Only', loginHintToken }, CALL),
          }
        }),
      ),
    )
    const results = await Promise.all(
      // Answered in reverse order, so no flow's answer follows its own start on the wire.
      opened.reverse().map(({ user, pf: pfFlow, p1: p1Flow }) =>
        wire.owner.run(user.username, async () => {
          await pfFlow.submit(
            'checkUsernamePassword',
            { username: user.username, password: user.password },
            CALL,
          )
          await p1Flow.submit('otp.check', { otp: otpFor(emu, user.username, p1Flow.state.id) }, CALL)
          const [a, b] = await Promise.all([pfFlow.complete(CALL), p1Flow.complete(CALL)])
          return { user, pingFederate: a.claims?.sub, pingOne: b.claims?.sub }
        }),
      ),
    )
    const wrong = results.filter((r) => r.pingFederate !== r.user.username || r.pingOne !== r.user.pingOneId)
    expect(wrong).toEqual([])

    const { violations, sentBy, shared } = cookieViolations(wire.exchanges)
    expect(violations).toEqual([])
    expect(shared).toEqual([])
    // Not vacuous: every flow sent cookies (PF on the password and token calls, ST on resume).
    for (const user of users) expect(sentBy.get(user.username) ?? 0).toBeGreaterThanOrEqual(2)
    await emu.close()
  }, 60_000)

  it('hybrid logins through one machine: both stages bound to the user, no cookie crosses logins', async () => {
    const emu = createEmulator(options())
    const wire = wireLog(emu.fetch)
    const machine = createHybridLoginMachine({
      pingFederate: pfClient(emu, wire.fetch, { timeout: CALL.timeout }),
      pingOne: p1Client(emu, wire.fetch, { timeout: CALL.timeout }),
      loginHintToken: loginHintTokenFromSecret({
        issuer: emu.pingOne.loginHintIssuer.clientId,
        secret: emu.pingOne.loginHintIssuer.secret,
        audience: emu.pingOne.issuer,
      }),
      pingOneParams: { acrValues: emu.pingOne.mfaOnlyAcrValues },
    })
    const results = await Promise.all(
      users.map((user) =>
        wire.owner.run(user.username, async () => {
          const onStep = (step: HybridLoginStep): HybridLoginAnswer =>
            step.status === 'USERNAME_PASSWORD_REQUIRED'
              ? {
                  action: 'checkUsernamePassword',
                  body: { username: user.username, password: user.password },
                }
              : { action: 'otp.check', body: { otp: otpFor(emu, user.username, step.state?.id) } }
          const result = await runHybridLogin({ machine, onStep })
          return { user, pingFederate: result.pingFederate.claims?.sub, pingOne: result.pingOne?.claims?.sub }
        }),
      ),
    )
    const wrong = results.filter((r) => r.pingFederate !== r.user.username || r.pingOne !== r.user.pingOneId)
    expect(wrong).toEqual([])
    const { violations, sentBy, shared } = cookieViolations(wire.exchanges)
    expect(violations).toEqual([])
    expect(shared).toEqual([])
    for (const user of users) expect(sentBy.get(user.username) ?? 0).toBeGreaterThanOrEqual(2)
    await emu.close()
  }, 60_000)
})

describe('the isolation check itself', () => {
  it('catches a client that keeps one cookie jar for all its flows', async () => {
    const emu = createEmulator(options())
    const wire = wireLog(emu.fetch)
    const shared = toughCookieJar.create()
    const pf = pfClient(emu, wire.fetch, {
      cookies: { kind: 'shared', create: () => shared, restore: () => shared },
    })
    // One after another, so the shared jar only ever offers the previous user's cookie.
    for (const user of users.slice(0, 3)) {
      await wire.owner.run(user.username, async () => {
        const flow = await pf.startFlow({ scope: 'openid' })
        await flow
          .submit('checkUsernamePassword', { username: user.username, password: user.password })
          .catch(() => {})
      })
    }
    expect(cookieViolations(wire.exchanges).violations.length).toBeGreaterThan(0)
    await emu.close()
  })
})
