/**
 * Regression (issue 11, item 3; invariant 10): redaction was by pattern only. An OTP or a password
 * the client itself sent, echoed back by a server in `message`, `details[].target` or a numeric
 * `innerError`, survived into error messages, `JSON.stringify`, `util.inspect`, the machine's
 * context and inspection events; so did an issuer secret quoted by a failing loginHintToken
 * callback. Whatever a flow sent or received is now masked by value wherever it reappears.
 */
import { inspect } from 'node:util'
import { isRedirectlessError } from '@redirectless/core'
import { createEmulator, type Emulator } from '@redirectless/emulator'
import {
  createHybridLoginMachine,
  hybridLoginPhase,
  runHybridLogin,
  submitEvent,
} from '@redirectless/orchestrator'
import { describe, expect, it } from 'vitest'
import { createActor, waitFor } from 'xstate'
import { loginHintFor, PASSWORD, p1Client, pfClient } from '../../reliability/support/clients.js'

// Values no pattern would recognise as secret: only their being sent makes them so.
const WRONG_OTP = '987654'
const WRONG_PASSWORD = 'Plain words 4711'

/**
 * The emulator behind a server that quotes what it was sent: a refused answer gets the submitted
 * values in its message, in `details[].target`, and (as a number) in `innerError`.
 */
function echoingServer(emu: Emulator): typeof fetch {
  return async (input, init) => {
    const request = new Request(input, init)
    const sent = request.method === 'POST' ? await request.clone().text() : ''
    const response = await emu.fetch(request)
    if (response.status < 400 || !sent.startsWith('{')) return response
    const values = Object.values(JSON.parse(sent) as Record<string, unknown>).filter(
      (v): v is string => typeof v === 'string',
    )
    const body = (await response.json()) as Record<string, unknown>
    const echoed = values.join(' / ')
    return Response.json(
      {
        ...body,
        message: `Refused: you sent ${echoed}`,
        details: [
          {
            code: 'INVALID_VALUE',
            target: echoed,
            message: `value ${echoed} is wrong`,
            innerError: Object.fromEntries(values.map((v, i) => [`v${i}`, /^\d+$/.test(v) ? Number(v) : v])),
          },
        ],
      },
      { status: response.status, headers: { 'content-type': 'application/json' } },
    )
  }
}

/** Every form an error takes where a secret could show. */
const forms = (error: unknown) =>
  [String(error), JSON.stringify(error), inspect(error, { depth: 10 }), (error as Error).message].join('\n')

describe('secrets a server echoes are masked by value', () => {
  it('PingOne: an OTP echoed in message, details[].target and a numeric innerError', async () => {
    const emu = createEmulator()
    const p1 = p1Client(emu, echoingServer(emu))
    const flow = await p1.startFlow({
      scope: 'openid',
      acrValues: emu.pingOne.mfaOnlyAcrValues,
      loginHintToken: await loginHintFor(emu, emu.pingOne.users.find((u) => u.username === 'joe')?.id ?? ''),
    })
    expect(flow.state.status).toBe('OTP_REQUIRED')
    const error = await flow.submit('otp.check', { otp: WRONG_OTP }).catch((e: unknown) => e)
    expect(isRedirectlessError(error) && error.code).toBe('FLOW_ERROR')
    expect(forms(error)).not.toContain(WRONG_OTP)
    expect(JSON.stringify(error)).toContain('[redacted]')
  })

  it('PingFederate: a password echoed back', async () => {
    const emu = createEmulator()
    const flow = await pfClient(emu, echoingServer(emu)).startFlow({ scope: 'openid' })
    const error = await flow
      .submit('checkUsernamePassword', { username: 'joe', password: WRONG_PASSWORD })
      .catch((e: unknown) => e)
    expect(isRedirectlessError(error)).toBe(true)
    expect(forms(error)).not.toContain(WRONG_PASSWORD)
  })

  it('the machine: not in its context, not in an inspection event, not in what runHybridLogin rejects with', async () => {
    const emu = createEmulator()
    const fetch = echoingServer(emu)
    const events: unknown[] = []
    const machine = createHybridLoginMachine({
      pingFederate: pfClient(emu, fetch),
      pingOne: p1Client(emu, fetch),
      loginHintToken: ({ subject }) => loginHintFor(emu, subject),
      pingOneParams: { acrValues: emu.pingOne.mfaOnlyAcrValues },
    })
    const actor = createActor(machine, { inspect: (event) => events.push(event) })
    const settle = () =>
      waitFor(actor, (s) => ['input', 'error', 'done', 'failed'].includes(hybridLoginPhase(s)))
    actor.start()
    await settle()
    actor.send(submitEvent('checkUsernamePassword', { username: 'joe', password: WRONG_PASSWORD }))
    const refused = await settle()
    expect(refused.context.error).toBeDefined()
    actor.send(submitEvent('checkUsernamePassword', { username: 'joe', password: PASSWORD }))
    await settle()
    actor.send(submitEvent('otp.check', { otp: WRONG_OTP }))
    const wrongOtp = await settle()
    expect(wrongOtp.context.error).toBeDefined()
    actor.stop()
    const seen = JSON.stringify([events, refused.context, wrongOtp.context], (_k, v: unknown) =>
      typeof v === 'object' && v !== null && 'sessionId' in v ? '[actor]' : v,
    )
    expect(seen).not.toContain(WRONG_PASSWORD)
    expect(seen).not.toContain(WRONG_OTP)
  })

  it('an issuer secret quoted by a failing loginHintToken callback', async () => {
    const emu = createEmulator()
    const secret = emu.pingOne.loginHintIssuer.secret
    const machine = createHybridLoginMachine({
      pingFederate: pfClient(emu, emu.fetch),
      pingOne: p1Client(emu, emu.fetch),
      loginHintToken: () => {
        throw new Error(`could not sign with ${secret}`)
      },
    })
    const error = await runHybridLogin({
      machine,
      onStep: () => ({ action: 'checkUsernamePassword', body: { username: 'joe', password: PASSWORD } }),
    }).catch((e: unknown) => e)
    expect(isRedirectlessError(error) && error.code).toBe('CALLBACK_FAILED')
    expect(forms(error)).not.toContain(secret)
  })
})
