import { createInterface } from 'node:readline'
import {
  type Emulator,
  type EmulatorOptions,
  type OutboxMessage,
  startEmulator,
} from '@redirectless/emulator'
import { type FlagSpecs, flagsHelp, parseFlags, portFlag } from '../args.js'
import { CliError } from '../errors.js'
import { EXIT_CODES_HELP, ExitCodes } from '../exit-codes.js'
import { answerWith, type CliIo, writeLine } from '../io.js'
import { type Paint, painter } from '../render/color.js'
import { table } from '../render/table.js'
import { version } from '../version.js'
import type { Command } from './command.js'
import { readJsonObject } from './json-file.js'

const FLAGS = {
  config: {
    type: 'string',
    placeholder: 'file.json',
    description: 'emulator options (users, clients, policies, faults) as JSON',
  },
  'pf-port': { type: 'string', placeholder: 'N', description: "PingFederate's port (default: a free one)" },
  'p1-port': { type: 'string', placeholder: 'N', description: "PingOne's port (default: a free one)" },
  host: { type: 'string', placeholder: 'address', description: 'interface to listen on (default 127.0.0.1)' },
  'show-secrets': { type: 'boolean', description: 'also print client secrets and user passwords' },
  json: { type: 'boolean', description: 'print the emulator info, then each outbox message, as JSON lines' },
  help: { type: 'boolean', short: 'h', description: 'show this help' },
  version: { type: 'boolean', short: 'v', description: 'show the version' },
} as const satisfies FlagSpecs

const HELP = `Usage: redirectless emulator [flags]

Runs the PingFederate + PingOne emulator on loopback HTTP until Ctrl-C, and prints its URLs,
client ids, the login_hint_token issuer app, the demo users, and every message it "sends" (the
SMS and e-mail codes, push texts) as it sends them. Client secrets and passwords are hidden
unless --show-secrets.

While it runs, type a line to answer a push as the user's phone would:
  approve <user>    deny <user>    pending

Flags:
${flagsHelp(FLAGS)}

${EXIT_CODES_HELP}
  (Ctrl-C is how the emulator is meant to stop: it closes its ports and exits 0.)

Example:
  redirectless emulator --pf-port 9031 --p1-port 9032`

function hidden(value: string | undefined, show: boolean): string {
  if (value === undefined) return '—'
  return show ? value : '(hidden; --show-secrets)'
}

/** The emulator's public facts as JSON (secrets only when asked for). */
export function emulatorInfo(emulator: Emulator, showSecrets: boolean) {
  const { pingFederate: pf, pingOne: p1 } = emulator
  return {
    pingFederate: {
      baseUrl: pf.baseUrl,
      clientId: pf.clientId,
      ...(pf.bffClient && {
        bffClient: {
          clientId: pf.bffClient.clientId,
          ...(showSecrets && { clientSecret: pf.bffClient.clientSecret }),
        },
      }),
    },
    pingOne: {
      authBaseUrl: p1.authBaseUrl,
      environmentId: p1.environmentId,
      issuer: p1.issuer,
      clientId: p1.clientId,
      ...(showSecrets && { clientSecret: p1.clientSecret }),
      loginHintIssuer: {
        clientId: p1.loginHintIssuer.clientId,
        ...(showSecrets && { secret: p1.loginHintIssuer.secret }),
      },
      mfaOnlyAcrValues: p1.mfaOnlyAcrValues,
    },
    users: emulator.config.pingOne.users.map((u) => ({
      username: u.username,
      id: u.id,
      devices: u.devices.filter((d) => d.status !== 'BLOCKED').map((d) => d.type),
      ...(showSecrets && { password: pf.users.find((p) => p.username === u.username)?.password }),
    })),
  }
}

function printInfo(io: CliIo, emulator: Emulator, showSecrets: boolean, paint: Paint): void {
  const info = emulatorInfo(emulator, showSecrets)
  const { pingFederate: pf, pingOne: p1 } = emulator
  const out = (line = '') => writeLine(io.stdout, line)
  out(paint('bold', `redirectless emulator ${version()}`))
  out()
  out(`${paint('bold', 'PingFederate')}  ${pf.baseUrl}`)
  out(
    table([
      ['client id', `${pf.clientId} (public, PKCE)`],
      ...(pf.bffClient
        ? [
            [
              'BFF client',
              `${pf.bffClient.clientId}, secret ${hidden(pf.bffClient.clientSecret, showSecrets)}`,
            ],
          ]
        : []),
      ['discovery', pf.endpoints.discovery],
    ]),
  )
  out()
  out(`${paint('bold', 'PingOne')}       ${p1.authBaseUrl}`)
  out(
    table([
      ['environment id', p1.environmentId],
      ['issuer', p1.issuer],
      ['client id', `${p1.clientId}, secret ${hidden(p1.clientSecret, showSecrets)}`],
      [
        'login_hint issuer app',
        `${p1.loginHintIssuer.clientId}, secret ${hidden(p1.loginHintIssuer.secret, showSecrets)}`,
      ],
      ['MFA-only acr_values', p1.mfaOnlyAcrValues],
    ]),
  )
  out()
  out(paint('bold', 'Demo users'))
  out(
    table([
      ['username', 'PingOne devices', ...(showSecrets ? ['password'] : [])].map((h) => paint('dim', h)),
      ...info.users.map((u) => [
        u.username,
        u.devices.join(', ') || 'none',
        ...(showSecrets ? [u.password ?? '—'] : []),
      ]),
    ]),
  )
  out()
  out(
    paint(
      'dim',
      'Outbox: messages appear below as they are sent. Type "approve <user>" or "deny <user>" for a push. Ctrl-C stops.',
    ),
  )
}

function messageLine(m: OutboxMessage, paint: Paint): string {
  const at = new Date().toISOString().slice(11, 19)
  const to = m.to ? ` to ${m.to}` : ''
  const what =
    m.channel === 'PUSH'
      ? `${m.text}  (approve ${m.username} / deny ${m.username})`
      : m.channel === 'TOTP'
        ? `authenticator app shows ${m.otp ?? ''}`
        : m.text
  return `${paint('dim', at)} ${paint('cyan', m.channel)}${to} (${m.username}): ${what}`
}

/** Answers the typed commands: `approve <user>`, `deny <user>`, `pending`. */
function command(emulator: Emulator, line: string): string | undefined {
  const [verb, user] = line.trim().split(/\s+/)
  if (!verb) return undefined
  if (verb === 'pending') return `pending pushes: ${emulator.push.pending().join(', ') || 'none'}`
  if ((verb === 'approve' || verb === 'deny') && user) {
    const done = verb === 'approve' ? emulator.push.approve(user) : emulator.push.deny(user)
    return done
      ? `push of ${user} ${verb === 'approve' ? 'approved' : 'denied'}`
      : `no push is waiting for ${user}`
  }
  return 'commands: approve <user>, deny <user>, pending'
}

async function run(argv: readonly string[], io: CliIo): Promise<number> {
  const flags = parseFlags(argv, FLAGS)
  if (flags.help) return answerWith(io.stdout, HELP)
  if (flags.version) return answerWith(io.stdout, version())
  const pfPort = portFlag(flags['pf-port'], 'pf-port')
  const p1Port = portFlag(flags['p1-port'], 'p1-port')
  const options = flags.config
    ? ((await readJsonObject(flags.config, io.cwd ?? process.cwd())) as EmulatorOptions)
    : {}
  const showSecrets = flags['show-secrets'] === true
  const paint = painter(io.stdout, io.env)
  let emulator: Emulator
  try {
    emulator = await startEmulator({
      ...options,
      ...(flags.host !== undefined && { host: flags.host }),
      ports: {
        ...(pfPort !== undefined && { pingFederate: pfPort }),
        ...(p1Port !== undefined && { pingOne: p1Port }),
      },
    })
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    throw new CliError(
      code === 'EADDRINUSE' ? 'PORT_IN_USE' : 'EMULATOR_FAILED',
      `The emulator could not start: ${(error as Error).message}`,
      code === 'EADDRINUSE' ? ExitCodes.USAGE : ExitCodes.LOGIN_FAILED,
    )
  }
  if (flags.json)
    writeLine(io.stdout, JSON.stringify({ type: 'emulator', ...emulatorInfo(emulator, showSecrets) }))
  else printInfo(io, emulator, showSecrets, paint)

  const unsubscribe = emulator.outbox.subscribe((m) => {
    if (!flags.json) return writeLine(io.stdout, messageLine(m, paint))
    const { username, channel, to, text, otp, purpose, flowId } = m
    writeLine(
      io.stdout,
      JSON.stringify({ type: 'outbox', username, channel, to, text, otp, purpose, flowId }),
    )
  })
  const lines = createInterface({ input: io.stdin, terminal: false })
  lines.on('line', (line) => {
    const answer = command(emulator, line)
    if (answer && !flags.json) writeLine(io.stdout, answer)
  })

  await new Promise<void>((resolve) => {
    if (!io.interrupt) return
    if (io.interrupt.aborted) return resolve()
    io.interrupt.addEventListener('abort', () => resolve(), { once: true })
  })
  unsubscribe()
  lines.close()
  io.stdin.pause()
  await emulator.close()
  if (!flags.json) writeLine(io.stdout, 'emulator stopped')
  return ExitCodes.OK
}

/** `redirectless emulator`: the emulator standalone, until Ctrl-C. */
export const emulatorCommand: Command = {
  name: 'emulator',
  summary: 'run the PingFederate + PingOne emulator on loopback until Ctrl-C',
  help: HELP,
  run,
}
