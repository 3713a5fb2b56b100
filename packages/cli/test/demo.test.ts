import { readFileSync } from 'node:fs'
import { defaultPingFederateConfig, defaultPingOneConfig } from '@redirectless/emulator'
import { describe, expect, it } from 'vitest'
import { expectNoSecrets, otpLike, run } from './support.js'

const PACKAGE_VERSION = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }
).version

const JOE_P1 = '1f0e2d3c-4b5a-4968-8776-5a4b3c2d1e0f'
const ANN_P1 = '2a1b3c4d-5e6f-4a70-9b81-c2d3e4f5a6b7'

// Each test runs its own in-process emulator, so they run side by side: the push tests each wait
// out PingOne's 1.5 s poll interval.
describe.concurrent('redirectless demo (non-interactive, in-process)', () => {
  it('signs joe in with the demo password and his SMS code, and prints steps, claims and timings', async () => {
    const { code, stdout, stderr } = await run(['demo']).done
    expect(stderr).toBe('')
    expect(code).toBe(0)
    expect(stdout).toMatch(/PingFederate +USERNAME_PASSWORD_REQUIRED +→ checkUsernamePassword/)
    expect(stdout).toMatch(/PingOne +OTP_REQUIRED +→ otp\.check +code received by SMS to •••01/)
    expect(stdout).toMatch(/PingFederate id_token claims \(validated\)\n(.*\n)*? +sub +joe\n/)
    expect(stdout).toMatch(new RegExp(`PingOne id_token claims \\(validated\\)\\n(.*\\n)*? +sub +${JOE_P1}`))
    expect(stdout).toMatch(/Timings \(HTTP, per step\)\n +stage +status +action +requests +HTTP ms/)
    expect(stdout).toMatch(/PingOne +COMPLETED +resume \+ discovery \+ jwks \+ token +4 +\d+\.\d/)
    expectNoSecrets(stdout)
    expect(otpLike(stdout)).toEqual([])
  })

  it('answers ann with her authenticator app when no device is asked for', async () => {
    const { code, stdout } = await run(['demo', '--user', 'ann', '--yes']).done
    expect(code).toBe(0)
    expect(stdout).toMatch(/DEVICE_SELECTION_REQUIRED +→ device\.select +chose TOTP/)
    expect(stdout).toMatch(/otp\.check +code received from the authenticator app/)
    expect(otpLike(stdout)).toEqual([])
  })

  it('approves ann’s push on the emulated phone and shows the polling in the timings', async () => {
    const { code, stdout } = await run(['demo', '--user', 'ann', '--device', 'MOBILE']).done
    expect(code).toBe(0)
    expect(stdout).toMatch(
      /PUSH_CONFIRMATION_REQUIRED +→ poll +push sent to the phone; the emulated phone will approve it/,
    )
    expect(stdout).toMatch(/PingOne +PUSH_CONFIRMATION_REQUIRED +poll ×\d/)
    expect(stdout).toMatch(new RegExp(`sub +${ANN_P1}`))
  })

  it('fails with a coded FLOW_FAILED and exit 1 when the push is denied', async () => {
    const { code, stdout, stderr } = await run(['demo', '--user', 'ann', '--deny-push']).done
    expect(code).toBe(1)
    expect(stdout).toMatch(/chose MOBILE/)
    expect(stderr).toBe(
      '✖ FLOW_FAILED: PingOne ended the flow: the push was denied on the phone (PUSH_DENIED)\n',
    )
  })

  it('--device TOTP picks a demo user who has one', async () => {
    const { code, stdout } = await run(['demo', '--device', 'totp']).done
    expect(code).toBe(0)
    expect(stdout).toMatch(/user ann/)
    expect(stdout).toMatch(/chose TOTP/)
  })

  it('switches joe from his default SMS to e-mail with --device EMAIL', async () => {
    const { code, stdout } = await run(['demo', '--device', 'EMAIL']).done
    expect(code).toBe(0)
    expect(stdout).toMatch(/OTP_REQUIRED +→ device\.select +switched from SMS to EMAIL/)
    expect(stdout).toMatch(/code received by e-mail to jo•••@example\.com/)
  })

  it('signs fido in with the emulated FIDO2 security key', async () => {
    const { code, stdout } = await run(['demo', '--user', 'fido']).done
    expect(code).toBe(0)
    expect(stdout).toMatch(/ASSERTION_REQUIRED +→ assertion\.check +the security key signed the challenge/)
    expect(stdout).toMatch(/amr +\S*(swk|hwk|fido)/i)
  })

  it('runs over loopback HTTP with --http', async () => {
    const { code, stdout } = await run(['demo', '--http']).done
    expect(code).toBe(0)
    expect(stdout).toMatch(/emulator http/)
    expect(stdout).toMatch(/sub +joe/)
  })

  it('--json prints one object with the steps, both stages’ claims and the timings, and no secret', async () => {
    const { code, stdout } = await run(['demo', '--json', '--user', 'ann', '--device', 'MOBILE']).done
    expect(code).toBe(0)
    expectNoSecrets(stdout)
    const out = JSON.parse(stdout)
    expect(out).toMatchObject({
      ok: true,
      command: 'demo',
      emulator: 'in-process',
      user: 'ann',
      claims: { pingFederate: { sub: 'ann', email: 'ann@example.com' }, pingOne: { sub: ANN_P1 } },
      mfaSkipped: false,
    })
    expect(out.steps.map((s: { action: string }) => s.action)).toEqual([
      'checkUsernamePassword',
      'device.select',
      'poll',
    ])
    expect(out.timings[0]).toMatchObject({
      stage: 'pingFederate',
      status: '—',
      action: 'authorize',
      requests: 1,
    })
    expect(out.timings.map((t: { stage: string }) => t.stage)).toContain('pingOne')
    for (const t of out.timings) expect(t.ms).toBeGreaterThanOrEqual(0)
  })

  it('--json prints the coded error when the login fails', async () => {
    const { code, stdout } = await run(['demo', '--json', '--user', 'ann', '--deny-push']).done
    expect(code).toBe(1)
    expect(JSON.parse(stdout)).toMatchObject({
      ok: false,
      error: { code: 'FLOW_FAILED', exitCode: 1, stage: 'pingOne', reason: 'PUSH_DENIED' },
    })
  })

  it('stops at its deadline with exit 4 instead of hanging', async () => {
    const { code, stderr } = await run(['demo', '--user', 'ann', '--device', 'MOBILE', '--timeout', '0.5'])
      .done
    expect(code).toBe(4)
    expect(stderr).toMatch(/DEADLINE: The login did not finish within 0.5 s/)
  })

  it('fails joe’s login with NO_USABLE_DEVICES for a user without devices', async () => {
    const { code, stderr } = await run(['demo', '--user', 'nodevice']).done
    expect(code).toBe(1)
    expect(stderr).toMatch(
      /FLOW_FAILED: PingOne ended the flow: the user has no usable MFA device \(NO_USABLE_DEVICES\)/,
    )
  })

  it('stops when Ctrl-C arrives, with exit 130', async () => {
    const interrupt = new AbortController()
    const running = run(['demo', '--user', 'ann', '--device', 'MOBILE'], { interrupt: interrupt.signal })
    setTimeout(() => interrupt.abort(), 100)
    const { code, stderr } = await running.done
    expect(code).toBe(130)
    expect(stderr).toMatch(/INTERRUPTED/)
  })
})

describe('redirectless demo: usage', () => {
  it.each([
    [['demo', '--bogus'], /Unknown option '--bogus'/],
    [['demo', '--device', 'PIGEON'], /--device must be one of SMS, EMAIL, TOTP, MOBILE, FIDO2/],
    [['demo', '--user', 'mallory'], /--user must be a demo user: joe, ann/],
    [['demo', '--user', 'joe', '--device', 'FIDO2'], /joe has no FIDO2 device \(devices: SMS, EMAIL\)/],
    [['demo', '--timeout', 'soon'], /--timeout must be a positive number of seconds/],
    [['demo', 'extra'], /Unexpected argument 'extra'/],
    [['frobnicate'], /Unknown command: frobnicate/],
  ])('%j → exit 2 with the error and a pointer to --help, not the whole usage', async (argv, message) => {
    const { code, stdout, stderr } = await run(argv).done
    expect(code).toBe(2)
    expect(stdout).toBe('')
    expect(stderr).toMatch(message)
    const command = argv[0] === 'demo' ? 'demo ' : ''
    expect(stderr.trimEnd().split('\n').at(-1)).toBe(`Run \`redirectless ${command}--help\` for usage.`)
    expect(stderr).not.toMatch(/Usage: redirectless|Flags:|Exit codes:/)
    expect(stderr.trimEnd().split('\n')).toHaveLength(2)
  })

  it('--help lists every user of both halves of the emulator, and --user takes each PingFederate one', async () => {
    const { stdout } = await run(['demo', '--help']).done
    const listed = stdout.slice(stdout.indexOf('Demo users'))
    const pingFederate = defaultPingFederateConfig.users.map((u) => u.username)
    const pingOne = defaultPingOneConfig.users.map((u) => u.username)
    for (const username of new Set([...pingFederate, ...pingOne]))
      expect(listed, `${username} in demo --help`).toMatch(new RegExp(`^  ${username} +\\S`, 'm'))
    // The PingOne-only users the demo adds at PingFederate are users too; the others are not.
    const { stderr } = await run(['demo', '--user', 'mallory']).done
    const accepted = /--user must be a demo user: (.*)/.exec(stderr)?.[1]?.split(', ') ?? []
    expect(accepted).toEqual(expect.arrayContaining([...pingFederate, 'pat', 'eve', 'vic']))
    expect(accepted).not.toContain('ivy')
  })

  it('prints help and version per command', async () => {
    const help = await run(['demo', '--help']).done
    expect(help.code).toBe(0)
    expect(help.stdout).toMatch(/Usage: redirectless demo/)
    expect(help.stdout).toMatch(/130 +interrupted/)
    const top = await run(['--help']).done
    expect(top.stdout).toMatch(/Commands:\n +demo .*\n +login .*\n +emulator /)
    for (const argv of [['--version'], ['demo', '--version'], ['login', '-v'], ['emulator', '--version']]) {
      const { code, stdout } = await run(argv).done
      expect(code).toBe(0)
      expect(stdout).toBe(`${PACKAGE_VERSION}\n`)
    }
  })
})
