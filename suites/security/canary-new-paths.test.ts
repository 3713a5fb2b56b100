/**
 * The canaries of `canary-secrets.test.ts`, on the paths added since: sealed values bound to a
 * purpose (refusals must not quote what they refuse), restoring persisted logins, and the CLI's
 * `login` against a tenant whose secrets are canaries (a wrong password, a wrong code, the right ones).
 */
import {
  defaultPingFederateConfig,
  defaultPingOneConfig,
  type Emulator,
  startEmulator,
} from '@redirectless/emulator'
import {
  checkPersistedLogin,
  HYBRID_LOGIN_PURPOSE,
  seal,
  sealSnapshot,
  unseal,
  unsealSnapshot,
} from '@redirectless/orchestrator'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { input, run } from '../../packages/cli/test/support.js'
import { CANARY, errorTexts, found } from './support/canaries.js'

const SECRETS = Object.values(CANARY)
const KEY = crypto.getRandomValues(new Uint8Array(32))

async function refusal(attempt: () => Promise<unknown> | unknown): Promise<string> {
  try {
    await attempt()
  } catch (error) {
    expect(error).toMatchObject({ code: 'INVALID_ARGUMENT' })
    return errorTexts(error)
  }
  throw new Error('expected a refusal')
}

describe('sealed values and restores, with canary secrets inside', () => {
  const value = { password: CANARY.password, cookies: [{ key: 'PF', value: CANARY.pfClientSecret }] }

  it('a sealed value carries no canary in the clear', async () => {
    expect(found(await seal(value, KEY, { purpose: 'app-session' }), SECRETS)).toEqual([])
  })

  it('no refusal quotes what it refused: another purpose, another key, a tampered value, a non-login', async () => {
    const sealed = await seal(value, KEY, { purpose: 'app-session' })
    const texts = [
      await refusal(() => unseal(sealed, KEY, { purpose: HYBRID_LOGIN_PURPOSE })),
      await refusal(() => unsealSnapshot(sealed, KEY)),
      await refusal(() =>
        unseal(sealed, crypto.getRandomValues(new Uint8Array(32)), { purpose: 'app-session' }),
      ),
      await refusal(() => unseal(`${sealed.slice(0, -4)}AAAA`, KEY, { purpose: 'app-session' })),
      await refusal(async () => unsealSnapshot(await sealSnapshot(value, KEY), KEY)),
      await refusal(() => seal(value, CANARY.password.slice(0, 10), { purpose: 'app-session' })),
      await refusal(() =>
        checkPersistedLogin({
          status: 'active',
          value: { pingOne: 'awaitingInput' },
          context: { stage: 'pingOne', vault: { pingOne: { product: CANARY.p1ClientSecret } } },
        }),
      ),
      await refusal(() => checkPersistedLogin({ status: CANARY.password })),
    ]
    expect(found(texts.join('\n'), SECRETS)).toEqual([])
  })
})

describe('the CLI, against a tenant of canary secrets', () => {
  let emu: Emulator
  beforeAll(async () => {
    emu = await startEmulator({
      pingFederate: {
        users: [...defaultPingFederateConfig.users, { username: 'cara', password: CANARY.password }],
      },
      pingOne: {
        users: [
          ...defaultPingOneConfig.users,
          {
            id: '00000000-0000-4000-8ca0-0000000000c1',
            username: 'cara',
            devices: [{ id: 'de71ce00-0000-4000-8000-0000000000c1', type: 'SMS', phone: '+15550000001' }],
          },
        ],
        otpLength: { SMS: 10, EMAIL: 10, VOICE: 10, TOTP: 6 },
      },
    })
  })
  afterAll(() => emu.close())

  const env = (password: string) => ({
    REDIRECTLESS_PF_BASE_URL: emu.pingFederate.baseUrl,
    REDIRECTLESS_PF_CLIENT_ID: emu.pingFederate.clientId,
    REDIRECTLESS_P1_AUTH_BASE_URL: emu.pingOne.authBaseUrl,
    REDIRECTLESS_P1_ENVIRONMENT_ID: emu.pingOne.environmentId,
    REDIRECTLESS_P1_CLIENT_ID: emu.pingOne.clientId,
    REDIRECTLESS_P1_CLIENT_SECRET: emu.pingOne.clientSecret,
    REDIRECTLESS_P1_ACR_VALUES: emu.pingOne.mfaOnlyAcrValues,
    REDIRECTLESS_LOGIN_HINT_ISSUER: emu.pingOne.loginHintIssuer.clientId,
    REDIRECTLESS_LOGIN_HINT_SECRET: emu.pingOne.loginHintIssuer.secret,
    REDIRECTLESS_PASSWORD: password,
  })
  const tenantSecrets = () => [...SECRETS, emu.pingOne.clientSecret, emu.pingOne.loginHintIssuer.secret]

  it('a wrong password: refused, and neither password printed', async () => {
    const { code, stdout, stderr } = await run(['login', '--username', 'cara'], {
      env: env(CANARY.wrongPassword),
    }).done
    expect(code).toBe(1)
    expect(found(stdout + stderr, tenantSecrets())).toEqual([])
  })

  it('a wrong code, then the right one: signed in, and no code, password or secret printed', async () => {
    const stdin = input()
    const codes: string[] = []
    let sent = 0
    const stop = emu.outbox.subscribe((m) => {
      if (m.username !== 'cara' || !m.otp) return
      codes.push(m.otp)
      // The first code is answered wrongly (a canary), the next rightly.
      stdin.write(`${sent++ === 0 ? CANARY.wrongOtp : m.otp}\n`)
      if (sent === 1) setTimeout(() => stdin.write(`${m.otp}\n`), 50)
    })
    const { code, stdout, stderr } = await run(['login', '--username', 'cara'], {
      env: env(CANARY.password),
      stdin,
    }).done
    stop()
    expect(code).toBe(0)
    expect(codes.length).toBeGreaterThan(0)
    expect(found(stdout + stderr, [...tenantSecrets(), ...codes])).toEqual([])
  })
})
