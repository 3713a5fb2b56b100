import { parseArgs } from 'node:util'
import { CliError, usageError } from './errors.js'
import { ExitCodes } from './exit-codes.js'

/** One flag of a command, as `node:util` `parseArgs` takes it, plus its help text. */
export interface FlagSpec {
  readonly type: 'string' | 'boolean'
  readonly short?: string
  /** For `--help`: what the flag does. */
  readonly description: string
  /** For `--help`: the value's placeholder, e.g. `N` or `file.json`. */
  readonly placeholder?: string
  /** Allowed values (checked after parsing, case-insensitively; the canonical spelling is returned). */
  readonly choices?: readonly string[]
}

export type FlagSpecs = Readonly<Record<string, FlagSpec>>

/** The parsed values: strings for string flags, booleans for boolean ones, absent when not given. */
export type FlagValues<S extends FlagSpecs> = {
  readonly [K in keyof S]?: S[K]['type'] extends 'string' ? string : boolean
}

// Anything that names a credential. Such flags are refused outright so a secret never lands in
// shell history or `ps` output; the refusal names where the value belongs instead.
const SECRET_NAME = /secret|password|passwd|passcode|otp|token|cookie|credential/i

const SECRET_HOMES: Readonly<Record<string, string>> = {
  password: 'REDIRECTLESS_PASSWORD (or "password" in --config), or type it at the prompt',
  otp: 'the prompt (codes are typed, never passed)',
  'pf-client-secret': 'REDIRECTLESS_PF_CLIENT_SECRET (or pingFederate.clientSecret in --config)',
  'p1-client-secret': 'REDIRECTLESS_P1_CLIENT_SECRET (or pingOne.clientSecret in --config)',
  'login-hint-secret': 'REDIRECTLESS_LOGIN_HINT_SECRET (or loginHint.secret in --config)',
}

/** The flag names in `argv` (without dashes or `=value`), long and short. */
function flagNames(argv: readonly string[]): string[] {
  const names: string[] = []
  for (const arg of argv) {
    if (arg === '--') break
    if (arg.startsWith('--')) names.push(arg.slice(2).split('=')[0] ?? '')
  }
  return names
}

/**
 * Refuses any flag that looks like it carries a secret (`--password`, `--pf-client-secret`, …)
 * unless the command declares it (`--show-secrets`). The message names the flag, never its value.
 */
export function refuseSecretFlags(argv: readonly string[], specs: FlagSpecs): void {
  for (const name of flagNames(argv)) {
    if (Object.hasOwn(specs, name) || !SECRET_NAME.test(name)) continue
    const home =
      SECRET_HOMES[name] ??
      `the environment variable REDIRECTLESS_${name.replace(/-/g, '_').toUpperCase()} or the --config file`
    throw new CliError(
      'SECRET_FLAG',
      `--${name} looks like a secret, and secrets are never taken from flags (they end up in shell history and in ps). Use ${home}.`,
      ExitCodes.USAGE,
    )
  }
}

/**
 * Parses `argv` against `specs` (strict: unknown flags and stray positionals are usage errors),
 * after refusing secret flags. Choice flags come back in their canonical spelling.
 */
export function parseFlags<S extends FlagSpecs>(argv: readonly string[], specs: S): FlagValues<S> {
  refuseSecretFlags(argv, specs)
  const options: Record<string, { type: 'string' | 'boolean'; short?: string }> = {}
  for (const [name, spec] of Object.entries(specs)) {
    options[name] = { type: spec.type, ...(spec.short !== undefined && { short: spec.short }) }
  }
  let values: Record<string, string | boolean | undefined>
  try {
    values = parseArgs({ args: [...argv], options, strict: true, allowPositionals: false }).values as Record<
      string,
      string | boolean | undefined
    >
  } catch (error) {
    throw usageError((error as Error).message)
  }
  const out: Record<string, string | boolean> = {}
  for (const [name, value] of Object.entries(values)) {
    if (value === undefined) continue
    const choices = specs[name]?.choices
    if (choices && typeof value === 'string') {
      const canonical = choices.find((c) => c.toLowerCase() === value.toLowerCase())
      if (!canonical) throw usageError(`--${name} must be one of ${choices.join(', ')}`)
      out[name] = canonical
    } else out[name] = value
  }
  return out as FlagValues<S>
}

/** A port number flag: 0–65535, or a usage error naming the flag. */
export function portFlag(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined
  const port = Number(value)
  if (!/^\d+$/.test(value) || port > 65535) throw usageError(`--${name} must be a port number (0-65535)`)
  return port
}

/** A positive number of seconds, or a usage error naming the flag. */
export function secondsFlag(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined
  const seconds = Number(value)
  if (!Number.isFinite(seconds) || seconds <= 0)
    throw usageError(`--${name} must be a positive number of seconds`)
  return seconds
}

/** The `Flags:` section of a command's `--help`. */
export function flagsHelp(specs: FlagSpecs): string {
  const rows = Object.entries(specs).map(([name, spec]) => {
    const short = spec.short ? `-${spec.short}, ` : '    '
    const value = spec.type === 'string' ? ` <${spec.placeholder ?? 'value'}>` : ''
    return [`  ${short}--${name}${value}`, spec.description] as const
  })
  const width = Math.max(...rows.map(([left]) => left.length)) + 2
  return rows.map(([left, right]) => left.padEnd(width) + right).join('\n')
}
