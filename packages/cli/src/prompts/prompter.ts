import type { Spinner } from '../render/spinner.js'

/** One option of a {@link Prompter.select}. */
export interface Choice<T> {
  readonly value: T
  readonly label: string
  readonly hint?: string
}

/** What waiting on something outside the terminal looks like (a push on a phone). */
export interface WaitOptions {
  /** Keys the user may press, by name, with what they do: `{ a: 'approve', d: 'deny' }`. */
  readonly keys?: Readonly<Record<string, string>>
  readonly onKey?: (name: string) => void
}

/**
 * How the login asks its user. Two implementations: clack's prompts on a terminal, and plain lines
 * on a pipe (for `login` driven by a script). Cancelling any prompt throws `INTERRUPTED`.
 */
export interface Prompter {
  /** A terminal: masked input, menus, spinners. */
  readonly tty: boolean
  text(
    message: string,
    options?: { readonly initial?: string; readonly placeholder?: string },
  ): Promise<string>
  /** Masked input; never echoed, never logged. */
  secret(message: string, options?: { readonly hint?: string }): Promise<string>
  select<T>(message: string, choices: readonly Choice<T>[]): Promise<T>
  confirm(message: string, initial?: boolean): Promise<boolean>
  /** A boxed message, e.g. the SMS the user received. */
  note(body: string, title: string): void
  info(message: string): void
  success(message: string): void
  warn(message: string): void
  error(message: string): void
  /** A spinner (on a terminal) while something happens elsewhere. */
  wait(message: string, options?: WaitOptions): Spinner
  /** Releases the input (the process could not exit while it is read). */
  close(): void
}
