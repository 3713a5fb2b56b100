/**
 * The process exit codes of every `redirectless` command. Stable: scripts switch on them, and
 * `--help` and `docs/cli.md` list them.
 */
export const ExitCodes = {
  /** The command did what was asked (for `login` and `demo`: both stages signed the user in). */
  OK: 0,
  /** The login failed: wrong credentials, a wrong code, a denied push, a FAILED flow, a refused token. */
  LOGIN_FAILED: 1,
  /** Bad flags or configuration (the usage text says which); a secret passed as a flag. */
  USAGE: 2,
  /** A host could not be reached (NETWORK_ERROR); the message names the host. */
  NETWORK: 3,
  /** The flow expired on the server, a call timed out, or the command's own deadline passed. */
  TIMEOUT: 4,
  /** Ctrl-C (SIGINT) or a cancelled prompt. */
  INTERRUPTED: 130,
} as const

/** One of {@link ExitCodes}. */
export type ExitCode = (typeof ExitCodes)[keyof typeof ExitCodes]

/** The exit-code table as `--help` prints it. */
export const EXIT_CODES_HELP = `Exit codes:
  0    success
  1    login failed (wrong credentials or code, push denied, flow FAILED, token refused)
  2    usage: bad flags or configuration, a secret given as a flag
  3    network: a host could not be reached (the message names it)
  4    the flow expired, a call timed out, or the overall deadline passed
  130  interrupted (Ctrl-C)`
