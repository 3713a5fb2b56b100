import { intro, outro } from '@clack/prompts'
import { createEmulator, defaultPingOneConfig, type Emulator, startEmulator } from '@redirectless/emulator'
import type { Answerer } from '../answers/answerer.js'
import { autoAnswers } from '../answers/auto.js'
import { DEVICE_TYPES, type DeviceType } from '../answers/devices.js'
import { PINGFEDERATE_DEMO_HELP, withPingFederatePolicy } from '../answers/pingfederate-statuses.js'
import { promptedAnswers } from '../answers/prompted.js'
import { type FlagSpecs, flagsHelp, parseFlags, secondsFlag } from '../args.js'
import { demoLoginOptions, emulatorParties } from '../demo-login.js'
import { CliError, usageError } from '../errors.js'
import { EXIT_CODES_HELP } from '../exit-codes.js'
import { answerWith, type CliIo, isInteractive, writeLine } from '../io.js'
import { runLogin } from '../login-runner.js'
import { demoEmulatorOptions, PINGONE_DEMO_HELP, PINGONE_DEMO_POLICIES } from '../pingone-demo.js'
import { clackPrompter } from '../prompts/clack.js'
import { painter } from '../render/color.js'
import type { LoginReport } from '../render/result.js'
import { stepLine } from '../render/steps.js'
import { type ExchangeLog, timedFetch } from '../timing/timed-fetch.js'
import { version } from '../version.js'
import type { Command } from './command.js'
import { finishError, finishOk, stepCollector } from './report.js'

const FLAGS = {
  user: {
    type: 'string',
    placeholder: 'name',
    description: 'demo user to sign in as (default joe; see below)',
  },
  device: {
    type: 'string',
    placeholder: DEVICE_TYPES.join('|'),
    choices: DEVICE_TYPES,
    description: 'MFA device to use when the user has several',
  },
  yes: { type: 'boolean', short: 'y', description: 'non-interactive: answer every step from the emulator' },
  json: {
    type: 'boolean',
    description: 'print one JSON object (steps, claims, timings or the error); implies --yes',
  },
  http: { type: 'boolean', description: 'serve the emulator over loopback HTTP instead of in-process' },
  'deny-push': { type: 'boolean', description: 'non-interactive: deny the push instead of approving it' },
  'p1-acr-values': {
    type: 'string',
    placeholder: 'policy',
    description: 'the PingOne sign-on policy of the step-up (see below)',
  },
  'pf-policy': {
    type: 'string',
    placeholder: 'policy',
    description: 'a PingFederate policy before the step-up (see below)',
  },
  timeout: {
    type: 'string',
    placeholder: 'seconds',
    description: 'overall deadline (default 60 non-interactive, 600 interactive)',
  },
  help: { type: 'boolean', short: 'h', description: 'show this help' },
  version: { type: 'boolean', short: 'v', description: 'show the version' },
} as const satisfies FlagSpecs

const HELP = `Usage: redirectless demo [flags]

Starts the emulator and runs the two-stage login as a user sees it: PingFederate username and
password, then PingOne MFA (a device menu, the code "sent" by SMS or e-mail, a push you approve
or deny from the keyboard, a FIDO2 key), then both stages' validated claims and a timing table.

Without a terminal on stdin and stdout, or with --yes or --json, it answers by itself from the
emulator (the demo password, the code from the emulator's outbox, the emulated phone approving
the push) and prints each step; it never prints a password, a code or a token.

Flags:
${flagsHelp(FLAGS)}

Demo users (password 2FederateM0re):
  joe       SMS (default) and e-mail
  ann       authenticator app (TOTP) and push; PingOne asks which
  fido      FIDO2 security key
  carl      must choose a new password at PingFederate (terminal only); e-mail
  lock      locked out for 60 s after 3 wrong passwords at PingFederate; SMS
  nodevice  no MFA device: PingOne fails the login
  ivy       PingOne only, so not a --user: invited, no password yet (invitation code
            INVITE-7Q2M9X); for PingOne flows of your own (docs/emulator-pingone.md)
${PINGONE_DEMO_HELP}

${PINGFEDERATE_DEMO_HELP}

${EXIT_CODES_HELP}

Examples:
  redirectless demo
  redirectless demo --user ann --device MOBILE --yes
  redirectless demo --user ann --deny-push --json`

/** A demo user of the emulator: the PingFederate account and the PingOne devices behind it. */
interface DemoUser {
  readonly username: string
  readonly password: string
  readonly devices: readonly string[]
}

/**
 * The user to sign in as: `--user`, or else the first demo user who has the `--device` asked for
 * (so `demo --device FIDO2` just works), or else joe. Checked before anything runs.
 */
export function pickDemoUser(
  emulator: Emulator,
  user: string | undefined,
  device: DeviceType | undefined,
): DemoUser {
  const users: DemoUser[] = emulator.pingFederate.users.map((u) => ({
    username: u.username,
    password: u.password,
    devices:
      emulator.config.pingOne.users
        .find((p) => p.username.toLowerCase() === u.username.toLowerCase())
        ?.devices.filter((d) => d.status !== 'BLOCKED')
        .map((d) => d.type) ?? [],
  }))
  if (user === undefined) {
    const fallback = users.find((u) => u.username === 'joe') ?? users[0]
    if (!device || fallback?.devices.includes(device)) {
      if (fallback) return fallback
    } else {
      const owner = users.find((u) => u.devices.includes(device))
      if (owner) return owner
    }
    throw usageError(`No demo user has a ${device ?? 'usable'} device`)
  }
  const known = users.find((u) => u.username.toLowerCase() === user.toLowerCase())
  if (!known) throw usageError(`--user must be a demo user: ${users.map((u) => u.username).join(', ')}`)
  if (device && !known.devices.includes(device))
    throw usageError(
      `${known.username} has no ${device} device (devices: ${known.devices.join(', ') || 'none'})`,
    )
  return known
}

function pickAnswerer(
  emulator: Emulator,
  user: DemoUser,
  flags: { device?: string; 'deny-push'?: boolean },
  interactive: boolean,
  io: CliIo,
  controller: AbortController,
  onInterrupt: () => void,
  report: Parameters<typeof autoAnswers>[0]['report'],
): Answerer {
  const device = flags.device as DeviceType | undefined
  if (interactive) {
    return promptedAnswers({
      prompter: clackPrompter({ input: io.stdin, output: io.stdout, signal: controller.signal, onInterrupt }),
      username: user.username,
      askUsername: true,
      defaultPassword: user.password,
      device,
      emulator,
      report,
    })
  }
  return autoAnswers({
    emulator,
    username: user.username,
    password: user.password,
    device,
    denyPush: flags['deny-push'] === true,
    report,
  })
}

async function run(argv: readonly string[], io: CliIo): Promise<number> {
  const flags = parseFlags(argv, FLAGS)
  if (flags.help) return answerWith(io.stdout, HELP)
  if (flags.version) return answerWith(io.stdout, version())
  const json = flags.json === true
  const interactive = !flags.yes && !json && isInteractive(io)
  if (interactive && flags['deny-push'])
    throw usageError('--deny-push is for non-interactive runs: press d at the push instead')
  const timeoutMs = (secondsFlag(flags.timeout, 'timeout') ?? (interactive ? 600 : 60)) * 1000
  const paint = painter(io.stdout, io.env)
  const acrValues = flags['p1-acr-values']
  if (acrValues !== undefined && !defaultPingOneConfig.signOnPolicies.some((p) => p.name === acrValues))
    throw usageError(
      `--p1-acr-values must name a PingOne sign-on policy of the emulator: ${Object.keys(PINGONE_DEMO_POLICIES).join(', ')}`,
    )
  const emulatorOptions = withPingFederatePolicy(demoEmulatorOptions(), flags['pf-policy'])
  const emulator = flags.http ? await startEmulator(emulatorOptions) : createEmulator(emulatorOptions)
  const log: ExchangeLog = { exchanges: [] }
  const { steps, report } = stepCollector(
    interactive || json ? undefined : (s) => writeLine(io.stdout, stepLine(s, paint)),
  )
  const started = performance.now()
  let username = flags.user ?? 'joe'
  const transport = flags.http ? 'http' : 'in-process'
  const loginReport = (): LoginReport => ({
    command: 'demo',
    steps,
    exchanges: log.exchanges,
    ms: performance.now() - started,
    extra: {
      emulator: transport,
      pingFederate: emulator.pingFederate.baseUrl,
      pingOne: emulator.pingOne.authBaseUrl,
      user: username,
    },
  })
  const finish = { io, json, paint, out: io.stdout }
  // Ctrl-C arrives as a key while the push spinner holds the terminal in raw mode.
  const keyInterrupt = new AbortController()
  const interrupt = io.interrupt ? AbortSignal.any([io.interrupt, keyInterrupt.signal]) : keyInterrupt.signal
  const controller = new AbortController()
  try {
    const fetch = timedFetch(flags.http ? globalThis.fetch : emulator.fetch, emulatorParties(emulator), log)
    const user = pickDemoUser(emulator, flags.user, flags.device as DeviceType | undefined)
    username = user.username
    const answerer = pickAnswerer(
      emulator,
      user,
      flags,
      interactive,
      io,
      controller,
      () => keyInterrupt.abort(),
      report,
    )
    if (!json && !interactive) {
      writeLine(
        io.stdout,
        paint('bold', `redirectless demo · emulator ${transport} · user ${username} · non-interactive`),
      )
    }
    if (interactive) {
      intro(`redirectless demo · emulator ${transport}`, { output: io.stdout })
    }
    const result = await runLogin({
      options: demoLoginOptions(emulator, fetch, acrValues),
      answerer,
      timeoutMs,
      interrupt,
      controller,
    })
    const who = result.pingFederate.claims?.sub ?? 'the user'
    const done = `${who} signed in at PingFederate${result.mfaSkipped ? ' (PingOne skipped MFA)' : ' and stepped up at PingOne'}`
    if (interactive) outro(done, { output: io.stdout })
    else if (!json) writeLine(io.stdout, `${paint('green', '✔')} ${done}`)
    return finishOk(finish, result, loginReport())
  } catch (error) {
    // Usage errors go up to `main`, which prints the usage text (unless the caller wants JSON).
    if (error instanceof CliError && error.code === 'USAGE' && !json) throw error
    return finishError(finish, error, loginReport())
  } finally {
    await emulator.close()
  }
}

/** `redirectless demo`: the emulator and the two-stage login, interactive or not. */
export const demoCommand: Command = {
  name: 'demo',
  summary: 'run the two-stage login against the built-in emulator (interactive in a terminal)',
  help: HELP,
  run,
}
