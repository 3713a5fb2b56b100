import { inspect } from 'node:util'
import { toughCookieJar } from '@redirectless/core/cookies'
import { createEmulator } from '@redirectless/emulator'
import { describe, expect, it } from 'vitest'
import { isRedirectlessError } from '../src/index.js'
import { PASSWORD, pfClient } from './helpers.js'

const SECRET = 'redirectless-bff-secret-2FederateM0re-0123456789'

function render(error: unknown): string[] {
  return [String(error), JSON.stringify(error), inspect(error, { depth: 10 }), (error as Error).stack ?? '']
}

function expectClean(error: unknown, secrets: readonly string[]) {
  expect(isRedirectlessError(error)).toBe(true)
  for (const text of render(error)) {
    for (const secret of secrets) expect(text).not.toContain(secret)
  }
}

describe('errors never carry secrets', () => {
  it('wrong password, refused token request, bad client secret', async () => {
    const emu = createEmulator()
    const bff = emu.pingFederate.bffClient ?? { clientId: 'redirectless-bff', clientSecret: SECRET }
    const wrongSecret = `${bff.clientSecret}-wrong`
    const pf = pfClient(emu, 'in-process', { clientId: bff.clientId, clientSecret: wrongSecret })
    const flow = await pf.startFlow({ scope: 'openid' })
    const wrongPassword = 'Sup3r-Secret-Guess&=+#'
    const e1 = await flow
      .submit('checkUsernamePassword', { username: 'joe', password: wrongPassword })
      .catch((e) => e)
    expectClean(e1, [wrongPassword])

    await flow.submit('checkUsernamePassword', { username: 'joe', password: PASSWORD })
    const code = String((flow.state as { authorizeResponse?: { code?: string } }).authorizeResponse?.code)
    const cookies = await toughCookieJar.restore(flow.toJSON().cookies).cookieString(emu.pingFederate.baseUrl)
    expect(cookies).toMatch(/PF=/)
    const e2 = await flow.complete().catch((e) => e)
    expect(e2.code).toBe('TOKEN_ERROR')
    expect(e2.status).toBe(401)
    expectClean(e2, [PASSWORD, wrongSecret, bff.clientSecret, code, cookies.split('=')[1] ?? cookies])
  })

  it('an error body that quotes secrets is redacted', async () => {
    const emu = createEmulator()
    const flow = await pfClient(emu, 'in-process').startFlow({ scope: 'openid' })
    const leaky = JSON.stringify({
      code: 'VALIDATION_ERROR',
      message: `password=${PASSWORD} code=abc123 cookie=PF=s3ss10n`,
      details: [
        {
          code: 'X',
          message: `Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJqb2UifQ.c2lnbmF0dXJl "password":"${PASSWORD}"`,
        },
      ],
    })
    emu.faults.add({
      fault: { kind: 'status', status: 400, body: leaky },
      product: 'pingfederate',
      route: 'flow',
      times: 1,
    })
    const error = await flow
      .submit('checkUsernamePassword', { username: 'joe', password: PASSWORD })
      .catch((e) => e)
    expect(error.code).toBe('FLOW_ERROR')
    expectClean(error, [PASSWORD, 'abc123', 's3ss10n', 'eyJzdWIiOiJqb2UifQ'])
  })
})
