import type { FetchLike } from '@redirectless/core'
import { type HybridLoginOptions, loginHintTokenFromSecret } from '@redirectless/orchestrator'
import { createPingFederateClient } from '@redirectless/pingfederate'
import { createPingOneClient } from '@redirectless/pingone'
import { DEVICE_TYPES, type DeviceType } from '../answers/devices.js'
import { promptedAnswers } from '../answers/prompted.js'
import { type FlagSpecs, flagsHelp, parseFlags, secondsFlag } from '../args.js'
import { type LoginConfig, loadConfigFile, resolveLoginConfig, SETTINGS, settingsError } from '../config.js'
import { CliError } from '../errors.js'
import { EXIT_CODES_HELP, ExitCodes } from '../exit-codes.js'
import type { CliIo } from '../io.js'
import { answerWith, writeLine } from '../io.js'
import { loginHintFromUrl } from '../login-hint.js'
import { runLogin } from '../login-runner.js'
import { clackPrompter } from '../prompts/clack.js'
import { linePrompter } from '../prompts/lines.js'
import type { Prompter } from '../prompts/prompter.js'
import { painter } from '../render/color.js'
import type { LoginReport } from '../render/result.js'
import { jsonReport } from '../render/result.js'
import { stepLine } from '../render/steps.js'
import type { Party } from '../timing/exchange.js'
import { type ExchangeLog, timedFetch } from '../timing/timed-fetch.js'
import { runLifecycle } from '../token-lifecycle.js'
import { version } from '../version.js'
import type { Command } from './command.js'
import { finishError, finishOk, stepCollector } from './report.js'

const FLAGS = {
  config: {
    type: 'string',
    placeholder: 'file.json',
    description: 'read settings (secrets included) from a JSON file',
  },
  'pf-base-url': { type: 'string', placeholder: 'url', description: "PingFederate's runtime base URL" },
  'pf-client-id': {
    type: 'string',
    placeholder: 'id',
    description: 'the OAuth client with redirectless mode',
  },
  'pf-scope': {
    type: 'string',
    placeholder: 'scopes',
    description: 'scopes to ask PingFederate for (default "openid profile")',
  },
  'p1-auth-base-url': {
    type: 'string',
    placeholder: 'url|region',
    description: 'PingOne auth host: a URL or NA, CA, EU, AU, SG, AP',
  },
  'p1-environment-id': { type: 'string', placeholder: 'uuid', description: 'the PingOne environment id' },
  'p1-client-id': { type: 'string', placeholder: 'id', description: 'the PingOne application id' },
  'p1-acr-values': {
    type: 'string',
    placeholder: 'policy',
    description: 'the sign-on policy, e.g. an MFA-only one',
  },
  'login-hint-issuer': {
    type: 'string',
    placeholder: 'id',
    description: 'the app whose secret (REDIRECTLESS_LOGIN_HINT_SECRET) signs login_hint_tokens',
  },
  'login-hint-url': {
    type: 'string',
    placeholder: 'url',
    description: 'your backend: POST {"id_token"} → {"login_hint_token"} (https unless loopback)',
  },
  username: {
    type: 'string',
    placeholder: 'name',
    description: 'the PingFederate username (asked when absent)',
  },
  device: {
    type: 'string',
    placeholder: DEVICE_TYPES.join('|'),
    choices: DEVICE_TYPES,
    description: 'MFA device to use when PingOne offers several',
  },
  json: {
    type: 'boolean',
    description: 'print one JSON object (steps, claims, timings or the error); prompts go to stderr',
  },
  timeout: { type: 'string', placeholder: 'seconds', description: 'overall deadline (default 300)' },
  refresh: {
    type: 'boolean',
    description:
      "afterwards, refresh each stage's tokens (needs offline_access) and validate the new id_token",
  },
  revoke: { type: 'boolean', description: "afterwards, revoke each stage's refresh and access tokens" },
  help: { type: 'boolean', short: 'h', description: 'show this help' },
  version: { type: 'boolean', short: 'v', description: 'show the version' },
} as const satisfies FlagSpecs

const settingsHelp = Object.values(SETTINGS)
  .map(
    (s) =>
      `  ${s.env.padEnd(32)}${'flag' in s ? `--${s.flag}` : '(secret: environment or config file only)'}`,
  )
  .join('\n')

const HELP = `Usage: redirectless login [flags]

Signs a user in at a real PingFederate (Authentication API, redirectless mode) and steps them up
with PingOne MFA (flows API, MFA-only policy) through a login_hint_token. The password is asked
(masked) unless REDIRECTLESS_PASSWORD is set; codes are always typed; a push is approved on the
phone while a spinner waits. On a pipe, prompts go to stderr and answers are read line by line.

The login_hint_token is minted here from the issuer app's secret (--login-hint-issuer +
REDIRECTLESS_LOGIN_HINT_SECRET), or asked from your backend (--login-hint-url).

Secrets (client secrets, the issuer secret, the password) are read ONLY from environment
variables or the --config file, never from flags: a flag would land in shell history and ps.

Flags:
${flagsHelp(FLAGS)}

Settings (a flag wins over its variable, which wins over the config file):
${settingsHelp}

Config file (JSON; every key optional, unknown keys refused):
  { "pingFederate": { "baseUrl", "clientId", "clientSecret", "scope" },
    "pingOne": { "authBaseUrl", "environmentId", "clientId", "clientSecret", "acrValues" },
    "loginHint": { "issuer", "secret" } | { "url" },
    "username", "password" }

${EXIT_CODES_HELP}

--refresh and --revoke run after a successful login, on each stage's tokens (a refresh needs the
offline_access scope); they print what was done, never a token.

Example:
  export REDIRECTLESS_LOGIN_HINT_SECRET=…   # from a secret store, not typed
  redirectless login --pf-base-url https://sso.example.com:9031 --pf-client-id my-app \\
    --p1-auth-base-url EU --p1-environment-id <uuid> --p1-client-id <id> \\
    --p1-acr-values MFA-Only --login-hint-issuer <id>`

/** The two clients and the login_hint_token source, from the merged settings. */
export function loginOptions(config: LoginConfig, fetch: FetchLike): HybridLoginOptions {
  const pingFederate = settingsOf('PingFederate', config, () =>
    createPingFederateClient({
      baseUrl: config.pingFederate.baseUrl,
      clientId: config.pingFederate.clientId,
      ...(config.pingFederate.clientSecret !== undefined && {
        clientSecret: config.pingFederate.clientSecret,
      }),
      fetch,
    }),
  )
  const pingOne = settingsOf('PingOne', config, () =>
    createPingOneClient({
      authBaseUrl: config.pingOne.authBaseUrl,
      environmentId: config.pingOne.environmentId,
      clientId: config.pingOne.clientId,
      ...(config.pingOne.clientSecret !== undefined && { clientSecret: config.pingOne.clientSecret }),
      fetch,
    }),
  )
  const hint = config.loginHint
  return {
    pingFederate,
    pingOne,
    loginHintToken:
      hint.kind === 'url'
        ? loginHintFromUrl(hint.url, fetch)
        : loginHintTokenFromSecret({ issuer: hint.issuer, secret: hint.secret, audience: pingOne.issuer }),
    pingFederateParams: { scope: config.pingFederate.scope },
    ...(config.pingOne.acrValues !== undefined && { pingOneParams: { acrValues: config.pingOne.acrValues } }),
  }
}

/** Builds a client; a setting it refuses (a bad URL, an id that is no UUID) is a usage error. */
function settingsOf<T>(product: 'PingFederate' | 'PingOne', config: LoginConfig, make: () => T): T {
  try {
    return make()
  } catch (error) {
    throw settingsError(product, error, config)
  }
}

function parties(config: LoginConfig, options: HybridLoginOptions): Map<string, Party> {
  const map = new Map<string, Party>([
    [new URL(config.pingFederate.baseUrl).origin, 'pingFederate'],
    [new URL(options.pingOne.authBaseUrl).origin, 'pingOne'],
  ])
  const hint = config.loginHint.kind === 'url' ? config.loginHint.url.origin : undefined
  if (hint && !map.has(hint)) map.set(hint, 'backend')
  return map
}

async function run(argv: readonly string[], io: CliIo): Promise<number> {
  const flags = parseFlags(argv, FLAGS)
  if (flags.help) return answerWith(io.stdout, HELP)
  if (flags.version) return answerWith(io.stdout, version())
  const json = flags.json === true
  const timeoutMs = (secondsFlag(flags.timeout, 'timeout') ?? 300) * 1000
  const file = flags.config ? await loadConfigFile(flags.config, io.cwd ?? process.cwd()) : undefined
  if (file?.warning) writeLine(io.stderr, `! ${file.warning}`)
  const config = resolveLoginConfig(flags, io.env, file?.values)

  const paint = painter(io.stdout, io.env)
  const log: ExchangeLog = { exchanges: [] }
  // Prompts go where the user sees them: the terminal, or stderr on a pipe and with --json.
  const promptOut = json || !io.stdout.isTTY ? io.stderr : io.stdout
  const terminal = io.stdin.isTTY === true && promptOut.isTTY === true
  // On a terminal clack shows each answer; on a pipe each step gets a line, as in the demo.
  const { steps, report } = stepCollector(
    terminal || json ? undefined : (s) => writeLine(io.stdout, stepLine(s, paint)),
  )
  const started = performance.now()
  const loginReport = (): LoginReport => ({
    command: 'login',
    steps,
    exchanges: log.exchanges,
    ms: performance.now() - started,
  })
  const finish = { io, json, paint, out: io.stdout }

  // The clients are built with a fetch that times every request; bad URLs or ids fail here (exit 2).
  // The timing wrapper needs PingOne's resolved origin (a region code becomes a URL), known only
  // once the client exists; the clients call through this indirection.
  const timed: { fetch?: FetchLike } = {}
  const options = loginOptions(config, (input, init) => (timed.fetch ?? globalThis.fetch)(input, init))
  timed.fetch = timedFetch(globalThis.fetch, parties(config, options), log)

  const keyInterrupt = new AbortController()
  const interrupt = io.interrupt ? AbortSignal.any([io.interrupt, keyInterrupt.signal]) : keyInterrupt.signal
  const controller = new AbortController()
  const prompter: Prompter = terminal
    ? clackPrompter({
        input: io.stdin,
        output: promptOut,
        signal: controller.signal,
        onInterrupt: () => keyInterrupt.abort(),
      })
    : linePrompter(io.stdin, promptOut, controller.signal)
  // runLogin closes the answerer, and with it the prompter, whatever happens.
  try {
    const result = await runLogin({
      options,
      answerer: promptedAnswers({
        prompter,
        username: config.username,
        askUsername: config.username === undefined,
        password: config.password,
        device: flags.device as DeviceType | undefined,
        report,
      }),
      timeoutMs,
      interrupt,
      controller,
    })
    if (!json) writeLine(io.stdout, `${paint('green', '✔')} signed in at PingFederate and PingOne`)
    if (!flags.refresh && !flags.revoke) return finishOk(finish, result, loginReport())
    // Token values never reach the output: only what was done with them.
    const lifecycle = await runLifecycle(options, result, {
      refresh: flags.refresh === true,
      revoke: flags.revoke === true,
      signal: AbortSignal.any([interrupt, AbortSignal.timeout(timeoutMs)]),
    })
    if (json) {
      writeLine(io.stdout, JSON.stringify({ ...jsonReport(loginReport(), { result }), lifecycle }))
      return ExitCodes.OK
    }
    for (const entry of lifecycle)
      writeLine(
        io.stdout,
        `${paint('green', '✔')} ${entry.stage === 'pingOne' ? 'PingOne' : 'PingFederate'} ${entry.action}: ${entry.outcome}`,
      )
    return finishOk(finish, result, loginReport())
  } catch (error) {
    if (error instanceof CliError && error.code === 'USAGE' && !json) throw error
    return finishError(finish, error, loginReport())
  }
}

/** `redirectless login`: the two-stage login against real tenants. */
export const loginCommand: Command = {
  name: 'login',
  summary: 'sign in at a real PingFederate and step up with PingOne MFA',
  help: HELP,
  run,
}
