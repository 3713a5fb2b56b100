import { describe, expect, it } from 'vitest'
import { expectNoSecrets, input, run, spawnCli, waitFor } from './support.js'

const DOWN = '\x1b[B'
const ENTER = '\r'

/**
 * A person at the (fake) terminal: waits for `pattern` in what appeared since the last answer,
 * then types `keys`, as a person would.
 */
function person(read: () => string, stdin: { write(s: string): unknown }) {
  let seen = 0
  const wait = async (pattern: RegExp) => {
    const match = await waitFor(() => read().slice(seen), pattern)
    seen += (match.index ?? 0) + match[0].length
    return match
  }
  return {
    wait,
    async answer(pattern: RegExp, keys: string) {
      const match = await wait(pattern)
      stdin.write(keys)
      return match
    },
  }
}

// Each test has its own fake terminal and emulator, so they run side by side.
describe.concurrent('redirectless demo (interactive, clack on a fake terminal)', () => {
  it('asks joe for his password again after a wrong one, shows the SMS and takes the code typed from it', async () => {
    const stdin = input(true)
    const cli = run(['demo'], { stdin, tty: true })
    const joe = person(() => cli.stdout.text(), stdin)
    await joe.answer(/◆ +Username\n│ +joe/, ENTER)
    await joe.answer(/◆ +Password \(leave empty for the demo password\)/, `wrong-password${ENTER}`)
    await joe.wait(/PingFederate: We didn't recognize the username or password/)
    await joe.answer(/◆ +Username/, ENTER)
    await joe.answer(/◆ +Password/, ENTER)
    const sms = await joe.wait(/SMS to \+15555550101[\s\S]*?Your one-time passcode is (\d{6})\./)
    await joe.answer(/◆ +Code \(leave empty to choose another device\)/, `000000${ENTER}`)
    await joe.wait(/PingOne: the code was wrong \(INVALID_OTP\); \d attempts? left/)
    await joe.answer(/◆ +Code/, `${sms[1]}${ENTER}`)
    const { code, stdout } = await cli.done
    expect(code).toBe(0)
    expect(stdout).toMatch(/joe signed in at PingFederate and stepped up at PingOne/)
    expect(stdout).toMatch(/PingOne id_token claims \(validated\)/)
    expect(stdout).toMatch(/Timings \(HTTP, per step\)/)
    // Asked again after the wrong code, the SMS is not shown a second time: it is the same code.
    expect(stdout.match(/Your one-time passcode is/g)).toHaveLength(1)
    // The typed password is masked; the demo password was never shown.
    expectNoSecrets(stdout, ['wrong-password'])
  })

  it('lets ann choose the push from a menu and approve it from the keyboard while a spinner waits', async () => {
    const stdin = input(true)
    const cli = run(['demo', '--user', 'ann'], { stdin, tty: true })
    const ann = person(() => cli.stdout.text(), stdin)
    await ann.answer(/◆ +Username/, ENTER)
    await ann.answer(/◆ +Password/, ENTER)
    await ann.answer(/Which device\?[\s\S]*Push to the mobile app/, DOWN)
    await ann.answer(/● Push to the mobile app/, ENTER)
    await ann.wait(/Your phone \(emulated\)[\s\S]*Sign-in request: approve to continue\./)
    await ann.answer(/\[a\] approve +\[d\] deny/, 'a')
    const { code, stdout } = await cli.done
    expect(code).toBe(0)
    expect(stdout).toMatch(/Push approved on the phone; waiting for PingOne to notice/)
    expect(stdout).toMatch(/✔ Push approved/)
    expect(stdout).toMatch(/ann signed in/)
  })

  it('signs fido in when the security key is "touched"', async () => {
    const stdin = input(true)
    const cli = run(['demo', '--user', 'fido'], { stdin, tty: true })
    const fido = person(() => cli.stdout.text(), stdin)
    await fido.answer(/◆ +Username/, ENTER)
    await fido.answer(/◆ +Password/, ENTER)
    await fido.answer(/Touch your security key/, ENTER)
    const { code, stdout } = await cli.done
    expect(code).toBe(0)
    expect(stdout).toMatch(/fido signed in/)
  })

  it('treats Ctrl-C at a prompt as an interruption (exit 130)', async () => {
    const stdin = input(true)
    const cli = run(['demo'], { stdin, tty: true })
    await person(() => cli.stdout.text(), stdin).answer(/◆ +Username/, '\x03')
    const { code, stderr } = await cli.done
    expect(code).toBe(130)
    expect(stderr).toMatch(/INTERRUPTED/)
  })
})

describe.concurrent('redirectless demo (interactive, real pseudo-terminal)', () => {
  it('runs in a pty: password typed, the code read from the SMS shown and typed back', async () => {
    const cli = spawnCli(['demo'], { pty: true })
    const type = (s: string) => cli.child.stdin.write(s)
    await waitFor(cli.stdout, /◆ +Username/)
    type(ENTER)
    await waitFor(cli.stdout, /◆ +Password/)
    type(`2FederateM0re${ENTER}`)
    const sms = await waitFor(cli.stdout, /Your one-time passcode is (\d{6})\./)
    await waitFor(cli.stdout, /◆ +Code/)
    type(`${sms[1]}${ENTER}`)
    expect(await cli.exited).toBe(0)
    expect(cli.stdout()).toMatch(/joe signed in at PingFederate and stepped up at PingOne/)
    expect(cli.stdout()).toMatch(/sub +joe/)
    // The password typed into the masked prompt is never echoed.
    expect(cli.stdout()).not.toContain('2FederateM0re')
  })

  it('runs in a pty: ann chooses the push with the arrow keys and approves it with "a"', async () => {
    const cli = spawnCli(['demo', '--user', 'ann'], { pty: true })
    const ann = person(cli.stdout, cli.child.stdin)
    await ann.answer(/◆ +Username/, ENTER)
    await ann.answer(/◆ +Password/, ENTER)
    await ann.answer(/Which device\?[\s\S]*Push to the mobile app/, DOWN)
    await ann.answer(/● Push to the mobile app/, ENTER)
    await ann.answer(/\[a\] approve +\[d\] deny/, 'a')
    expect(await cli.exited).toBe(0)
    expect(cli.stdout()).toMatch(/✔ Push approved/)
    expect(cli.stdout()).toMatch(/ann signed in at PingFederate and stepped up at PingOne/)
  })
})
