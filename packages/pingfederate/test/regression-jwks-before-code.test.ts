import { toughCookieJar } from '@redirectless/core/cookies'
import { createEmulator } from '@redirectless/emulator'
import { expect, it } from 'vitest'
import { createPingFederateClient } from '../src/index.js'

it('a JWKS failure during complete() does not burn the authorization code: complete() can be retried', async () => {
  const emu = createEmulator()
  const pf = createPingFederateClient({
    baseUrl: emu.pingFederate.baseUrl,
    clientId: emu.pingFederate.clientId,
    fetch: emu.fetch,
    cookies: toughCookieJar,
    retry: { limit: 1, backoffLimit: 10 },
  })
  const flow = await pf.startFlow({ scope: 'openid' })
  await flow.submit('checkUsernamePassword', { username: 'joe', password: '2FederateM0re' })
  emu.faults.add({ product: 'pingfederate', route: 'jwks', fault: { kind: 'status', status: 503 }, times: 2 })
  await expect(flow.complete()).rejects.toMatchObject({ code: 'SERVER_ERROR' })
  expect((await flow.complete()).claims?.sub).toBe('joe')
})
