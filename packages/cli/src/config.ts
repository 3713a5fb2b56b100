import { stat } from 'node:fs/promises'
import { isAbsolute, resolve } from 'node:path'
import { readJsonObject } from './commands/json-file.js'
import { CliError } from './errors.js'
import { ExitCodes } from './exit-codes.js'

/** Everything `redirectless login` needs, after flags, environment and config file are merged. */
export interface LoginConfig {
  readonly pingFederate: {
    readonly baseUrl: string
    readonly clientId: string
    readonly clientSecret?: string | undefined
    readonly scope: string
  }
  readonly pingOne: {
    readonly authBaseUrl: string
    readonly environmentId: string
    readonly clientId: string
    readonly clientSecret?: string | undefined
    readonly acrValues?: string | undefined
  }
  /** Mint the login_hint_token here from the issuer app's secret, or ask the user's backend for one. */
  readonly loginHint:
    | { readonly kind: 'secret'; readonly issuer: string; readonly secret: string }
    | { readonly kind: 'url'; readonly url: URL }
  readonly username?: string | undefined
  readonly password?: string | undefined
  /**
   * How each setting that was given was given, for messages about it: its flag
   * (`--pf-base-url`), its variable (`REDIRECTLESS_PF_BASE_URL`) or its config-file key.
   */
  readonly givenAs: Readonly<Partial<Record<SettingName, string>>>
}

/**
 * One setting: its `--flag` (none for secrets), its environment variable, and its place in the
 * config file. Secrets have no flag on purpose: they would end up in shell history and `ps`.
 */
interface Setting {
  readonly flag?: string
  readonly env: string
  readonly path: readonly [string] | readonly [string, string]
  readonly secret?: boolean
}

/** Every setting of `login`, in help order. */
export const SETTINGS = {
  pfBaseUrl: { flag: 'pf-base-url', env: 'REDIRECTLESS_PF_BASE_URL', path: ['pingFederate', 'baseUrl'] },
  pfClientId: { flag: 'pf-client-id', env: 'REDIRECTLESS_PF_CLIENT_ID', path: ['pingFederate', 'clientId'] },
  pfClientSecret: {
    env: 'REDIRECTLESS_PF_CLIENT_SECRET',
    path: ['pingFederate', 'clientSecret'],
    secret: true,
  },
  pfScope: { flag: 'pf-scope', env: 'REDIRECTLESS_PF_SCOPE', path: ['pingFederate', 'scope'] },
  p1AuthBaseUrl: {
    flag: 'p1-auth-base-url',
    env: 'REDIRECTLESS_P1_AUTH_BASE_URL',
    path: ['pingOne', 'authBaseUrl'],
  },
  p1EnvironmentId: {
    flag: 'p1-environment-id',
    env: 'REDIRECTLESS_P1_ENVIRONMENT_ID',
    path: ['pingOne', 'environmentId'],
  },
  p1ClientId: { flag: 'p1-client-id', env: 'REDIRECTLESS_P1_CLIENT_ID', path: ['pingOne', 'clientId'] },
  p1ClientSecret: { env: 'REDIRECTLESS_P1_CLIENT_SECRET', path: ['pingOne', 'clientSecret'], secret: true },
  p1AcrValues: { flag: 'p1-acr-values', env: 'REDIRECTLESS_P1_ACR_VALUES', path: ['pingOne', 'acrValues'] },
  loginHintIssuer: {
    flag: 'login-hint-issuer',
    env: 'REDIRECTLESS_LOGIN_HINT_ISSUER',
    path: ['loginHint', 'issuer'],
  },
  loginHintSecret: { env: 'REDIRECTLESS_LOGIN_HINT_SECRET', path: ['loginHint', 'secret'], secret: true },
  loginHintUrl: { flag: 'login-hint-url', env: 'REDIRECTLESS_LOGIN_HINT_URL', path: ['loginHint', 'url'] },
  username: { flag: 'username', env: 'REDIRECTLESS_USERNAME', path: ['username'] },
  password: { env: 'REDIRECTLESS_PASSWORD', path: ['password'], secret: true },
} as const satisfies Record<string, Setting>

/** The name of one of {@link SETTINGS}. */
export type SettingName = keyof typeof SETTINGS

const configError = (message: string) => new CliError('CONFIG_INVALID', message, ExitCodes.USAGE)

const ALLOWED_KEYS: Readonly<Record<string, readonly string[]>> = {
  '': ['$schema', 'pingFederate', 'pingOne', 'loginHint', 'username', 'password'],
  pingFederate: ['baseUrl', 'clientId', 'clientSecret', 'scope'],
  pingOne: ['authBaseUrl', 'environmentId', 'clientId', 'clientSecret', 'acrValues'],
  loginHint: ['issuer', 'secret', 'url'],
}

function checkShape(value: unknown, where: string): Record<string, unknown> {
  if (!value || typeof value !== 'object' || Array.isArray(value))
    throw configError(`${where || 'The config file'} must be a JSON object`)
  const record = value as Record<string, unknown>
  for (const key of Object.keys(record)) {
    // Unknown keys are refused: a typo would otherwise silently fall back to a default.
    if (!ALLOWED_KEYS[where]?.includes(key))
      throw configError(`Unknown key ${where ? `${where}.` : ''}${key} in the config file`)
    if (where === '' && ALLOWED_KEYS[key]) checkShape(record[key], key)
    else if (key !== '$schema' && typeof record[key] !== 'string')
      throw configError(`${where ? `${where}.` : ''}${key} in the config file must be a string`)
  }
  return record
}

export interface LoadedConfigFile {
  readonly values: Record<string, unknown>
  /** A warning to print: the file holds secrets and others may read it. */
  readonly warning?: string
}

/** Reads and checks a `--config` file (JSON). Never echoes its content in an error. */
export async function loadConfigFile(path: string, cwd: string): Promise<LoadedConfigFile> {
  const full = isAbsolute(path) ? path : resolve(cwd, path)
  const parsed = await readJsonObject(full, cwd)
  const values = checkShape(parsed, '')
  const holdsSecret = Object.values(SETTINGS).some(
    (s) => 'secret' in s && s.secret && valueAt(values, s.path) !== undefined,
  )
  let warning: string | undefined
  if (holdsSecret && process.platform !== 'win32') {
    const mode = (await stat(full)).mode
    if (mode & 0o077) warning = `${full} holds secrets and other users can read it: chmod 600 it`
  }
  return { values, ...(warning !== undefined && { warning }) }
}

function valueAt(values: Record<string, unknown>, path: readonly string[]): string | undefined {
  let at: unknown = values
  for (const key of path) at = (at as Record<string, unknown> | undefined)?.[key]
  return typeof at === 'string' && at !== '' ? at : undefined
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]'])

/** True for hosts that never leave the machine, where plain HTTP is acceptable. */
export function isLoopback(url: URL): boolean {
  return LOOPBACK.has(url.hostname) || /^127\.\d+\.\d+\.\d+$/.test(url.hostname)
}

/**
 * The login-hint backend URL: absolute, https unless loopback, no credentials in it. `label` names
 * the setting in messages (`--login-hint-url`, its variable or its config-file key).
 */
export function checkLoginHintUrl(value: string, label = 'The login-hint URL'): URL {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    throw configError(`${label} must be an absolute URL`)
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopback(url)))
    throw configError(`${label} must use https (plain http only on loopback: localhost, 127.0.0.1, [::1])`)
  if (url.username || url.password) throw configError(`${label} must not carry credentials`)
  return url
}

// The clients' option names, per product, and the setting each one is filled from.
const OPTION_SETTINGS: Readonly<Record<'PingFederate' | 'PingOne', Readonly<Record<string, SettingName>>>> = {
  PingFederate: { baseUrl: 'pfBaseUrl', clientId: 'pfClientId', clientSecret: 'pfClientSecret' },
  PingOne: {
    authBaseUrl: 'p1AuthBaseUrl',
    environmentId: 'p1EnvironmentId',
    clientId: 'p1ClientId',
    clientSecret: 'p1ClientSecret',
  },
}

/**
 * A client's refusal of a setting as the user reads it: the option it names (`baseUrl`) becomes
 * the way the user gave it (`--pf-base-url`, `REDIRECTLESS_PF_BASE_URL`, …). The library's message
 * never quotes the value, so neither does this one. Exit 2.
 */
export function settingsError(
  product: 'PingFederate' | 'PingOne',
  error: unknown,
  config: LoginConfig,
): CliError {
  const options = OPTION_SETTINGS[product]
  const message = String((error as { message?: unknown })?.message ?? error).replace(
    /\b(baseUrl|authBaseUrl|environmentId|clientId|clientSecret)\b/g,
    (option) => {
      const name = options[option]
      return name === undefined ? option : (config.givenAs[name] ?? SETTINGS[name].env)
    },
  )
  return configError(`Invalid ${product} settings: ${message}`)
}

/**
 * Merges the settings: a flag wins over its environment variable, which wins over the config file.
 * Reports every missing setting at once, with where it can be given.
 */
export function resolveLoginConfig(
  flags: Readonly<Record<string, string | boolean | undefined>>,
  env: Readonly<Record<string, string | undefined>>,
  file: Record<string, unknown> = {},
): LoginConfig {
  // Where a setting came from: 0 a flag, 1 the environment, 2 the config file, 3 nowhere.
  const source = (name: SettingName): [string | undefined, number] => {
    const setting: Setting = SETTINGS[name]
    const flag = setting.flag === undefined ? undefined : flags[setting.flag]
    if (typeof flag === 'string' && flag !== '') return [flag, 0]
    const fromEnv = env[setting.env]
    if (fromEnv !== undefined && fromEnv !== '') return [fromEnv, 1]
    const fromFile = valueAt(file, setting.path)
    return [fromFile, fromFile === undefined ? 3 : 2]
  }
  const givenAs: Partial<Record<SettingName, string>> = {}
  const get = (name: SettingName): string | undefined => {
    const [value, from] = source(name)
    const setting: Setting = SETTINGS[name]
    if (value !== undefined)
      givenAs[name] =
        from === 0 ? `--${setting.flag}` : from === 1 ? setting.env : `${setting.path.join('.')} in --config`
    return value
  }
  const where = (name: SettingName) => {
    const s: Setting = SETTINGS[name]
    return `${s.flag ? `--${s.flag}, ` : ''}${s.env} or ${s.path.join('.')} in --config`
  }
  const missing: string[] = []
  const need = (name: SettingName): string => {
    const value = get(name)
    if (value === undefined) missing.push(where(name))
    return value ?? ''
  }
  const pingFederate = {
    baseUrl: need('pfBaseUrl'),
    clientId: need('pfClientId'),
    clientSecret: get('pfClientSecret'),
    scope: get('pfScope') ?? 'openid profile',
  }
  const pingOne = {
    authBaseUrl: need('p1AuthBaseUrl'),
    environmentId: need('p1EnvironmentId'),
    clientId: need('p1ClientId'),
    clientSecret: get('p1ClientSecret'),
    acrValues: get('p1AcrValues'),
  }
  const url = get('loginHintUrl')
  const urlSource = source('loginHintUrl')[1]
  const issuer = get('loginHintIssuer')
  const secret = get('loginHintSecret')
  const secretSource = source('loginHintSecret')[1]
  let loginHint: LoginConfig['loginHint'] | undefined
  // Both sources given: the one set closer to the command wins (a --login-hint-url flag over an
  // exported secret); given at the same level they are ambiguous.
  if (url !== undefined && secret !== undefined && urlSource === secretSource)
    throw configError('Give either a login-hint URL or the issuer secret, not both')
  if (url !== undefined && urlSource < secretSource) {
    loginHint = { kind: 'url', url: checkLoginHintUrl(url, givenAs.loginHintUrl) }
  } else if (issuer !== undefined && secret !== undefined) {
    loginHint = { kind: 'secret', issuer, secret }
  } else {
    missing.push(
      `the login_hint_token source: ${where('loginHintUrl')}; or ${where('loginHintIssuer')} with ${where('loginHintSecret')}`,
    )
  }
  if (missing.length > 0 || !loginHint)
    throw new CliError('USAGE', `Missing settings:\n  - ${missing.join('\n  - ')}`, ExitCodes.USAGE)
  const username = get('username')
  const password = get('password')
  return { pingFederate, pingOne, loginHint, username, password, givenAs }
}
