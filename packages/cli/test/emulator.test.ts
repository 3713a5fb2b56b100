import { defaultPingOneConfig } from '@redirectless/emulator'
import { createLoginHintToken, createPingOneClient } from '@redirectless/pingone'
import { describe, expect, it } from 'vitest'
import { input, run, spawnCli, waitFor } from './support.js'

/** Starts a PingOne MFA flow for joe at the emulator on `authBaseUrl`, which "sends" him an SMS. */
async function sendJoeAnSms(authBaseUrl: string) {
  const config = defaultPingOneConfig
  const issuerApp = config.applications.find((a) => a.id === config.loginHintIssuerId)!
  const web = config.applications.find((a) => a.id === config.defaultClientId)!
  const p1 = createPingOneClient({
    authBaseUrl,
    environmentId: config.environmentId,
    clientId: web.id,
    clientSecret: web.clientSecret!,
  })
  const loginHintToken = await createLoginHintToken({
    issuer: issuerApp.id,
    secret: issuerApp.clientSecret!,
    subject: 'joe',
    audience: p1.issuer,
  })
  const flow = await p1.startFlow({ scope: 'openid', acrValues: 'MFA-Only', loginHintToken })
  expect(flow.state.status).toBe('OTP_REQUIRED')
}

describe('redirectless emulator', () => {
  it('prints its URLs, client ids, issuer app and users (secrets hidden), then the outbox, until interrupted', async () => {
    const interrupt = new AbortController()
    const stdin = input()
    const cli = run(['emulator'], { interrupt: interrupt.signal, stdin })
    const screen = () => cli.stdout.text()
    await waitFor(screen, /Outbox:/)
    const p1 = (await waitFor(screen, /PingOne +(http:\/\/127\.0\.0\.1:\d+)/))[1]!
    expect(screen()).toMatch(/PingFederate +http:\/\/127\.0\.0\.1:\d+/)
    expect(screen()).toMatch(/client id +redirectless-demo/)
    expect(screen()).toMatch(
      /login_hint issuer app +9f5d2c71-4e60-4182-bdae-3f4a5b6c7d8e, secret \(hidden; --show-secrets\)/,
    )
    expect(screen()).toMatch(/joe +SMS, EMAIL\n +ann +TOTP, MOBILE/)
    for (const app of defaultPingOneConfig.applications)
      if (app.clientSecret) expect(screen()).not.toContain(app.clientSecret)

    await sendJoeAnSms(p1)
    await waitFor(screen, /SMS to \+15555550101 \(joe\): Your one-time passcode is \d{6}\./)
    stdin.write('pending\n')
    await waitFor(screen, /pending pushes: none/)

    interrupt.abort()
    const { code, stdout } = await cli.done
    expect(code).toBe(0)
    expect(stdout).toMatch(/emulator stopped\n$/)
  })

  it('prints secrets only with --show-secrets', async () => {
    const interrupt = new AbortController()
    const cli = run(['emulator', '--show-secrets'], { interrupt: interrupt.signal })
    await waitFor(() => cli.stdout.text(), /Outbox:/)
    interrupt.abort()
    const { stdout } = await cli.done
    const web = defaultPingOneConfig.applications.find((a) => a.id === defaultPingOneConfig.defaultClientId)!
    expect(stdout).toContain(web.clientSecret!)
    expect(stdout).toMatch(/joe +SMS, EMAIL +2FederateM0re/)
  })

  it('runs as a process, prints JSON lines with --json, and closes cleanly on SIGINT', async () => {
    const cli = spawnCli(['emulator', '--json'])
    const info = JSON.parse((await waitFor(cli.stdout, /^(\{.*\})\n/))[1]!)
    expect(info).toMatchObject({ type: 'emulator', pingOne: { mfaOnlyAcrValues: 'MFA-Only' } })
    expect(info.pingOne.clientSecret).toBeUndefined()
    await sendJoeAnSms(info.pingOne.authBaseUrl)
    const line = (await waitFor(cli.stdout, /\n(\{"type":"outbox".*\})\n/))[1]!
    expect(JSON.parse(line)).toMatchObject({
      type: 'outbox',
      username: 'joe',
      channel: 'SMS',
      otp: expect.stringMatching(/^\d{6}$/),
    })
    cli.child.kill('SIGINT')
    expect(await cli.exited).toBe(0)
    // The ports are closed: nothing answers there any more.
    await expect(fetch(`${info.pingFederate.baseUrl}/pf/JWKS`)).rejects.toThrow()
  })

  it('refuses a bad port with exit 2', async () => {
    const { code, stderr } = await run(['emulator', '--pf-port', 'eighty']).done
    expect(code).toBe(2)
    expect(stderr).toMatch(/--pf-port must be a port number/)
    expect(stderr).toMatch(/^Run `redirectless emulator --help` for usage\.$/m)
    expect(stderr).not.toMatch(/Usage: redirectless/)
  })
})
