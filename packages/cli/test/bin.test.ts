import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { expectNoSecrets, otpLike, ROOT, spawnCli } from './support.js'

describe('the redirectless binary (spawned, stdin piped: non-interactive)', () => {
  it('runs `demo` to exit 0 with the steps and both stages’ claims, printing no code, password or token', async () => {
    const cli = spawnCli(['demo'])
    cli.child.stdin.end()
    expect(await cli.exited).toBe(0)
    const out = cli.stdout()
    expect(cli.stderr()).toBe('')
    expect(out).toMatch(/non-interactive/)
    expect(out).toMatch(/USERNAME_PASSWORD_REQUIRED +→ checkUsernamePassword/)
    expect(out).toMatch(/OTP_REQUIRED +→ otp\.check +code received by SMS to •••01/)
    expect(out).toMatch(/PingFederate id_token claims \(validated\)[\s\S]*sub +joe/)
    expect(out).toMatch(/PingOne id_token claims \(validated\)[\s\S]*acr +MFA-Only/)
    expectNoSecrets(out)
    expect(otpLike(out)).toEqual([])
  })

  it('prints one parseable JSON object with --json', async () => {
    const cli = spawnCli(['demo', '--json', '--user', 'fido'])
    cli.child.stdin.end()
    expect(await cli.exited).toBe(0)
    const out = JSON.parse(cli.stdout())
    expect(out).toMatchObject({ ok: true, user: 'fido', claims: { pingFederate: { sub: 'fido' } } })
    expect(out.steps.at(-1)).toMatchObject({
      stage: 'pingOne',
      status: 'ASSERTION_REQUIRED',
      action: 'assertion.check',
    })
    expectNoSecrets(cli.stdout())
  })

  it('is what the root `demo` script runs', () => {
    const pkg = JSON.parse(readFileSync(`${ROOT}package.json`, 'utf8'))
    expect(pkg.scripts.demo).toBe(
      'node --conditions=@redirectless/source --import tsx packages/cli/src/bin.ts demo',
    )
  })
})
