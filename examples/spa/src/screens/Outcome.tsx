import { ErrorNote, Screen, Spinner } from './parts.js'

/** Signed in: who, and how PingOne says they stepped up. */
export function SignedIn(props: {
  readonly name: string
  readonly acr: string | undefined
  readonly amr: readonly string[]
  readonly onSignOut: () => void
}) {
  return (
    <Screen title={`Welcome, ${props.name}`}>
      <dl>
        <dt>Signed in at</dt>
        <dd>PingFederate</dd>
        <dt>Verified with</dt>
        <dd>{props.amr.length > 0 ? props.amr.join(', ') : 'no second factor'}</dd>
        {props.acr && (
          <>
            <dt>PingOne policy</dt>
            <dd>{props.acr}</dd>
          </>
        )}
      </dl>
      <button type="button" onClick={props.onSignOut}>
        Sign in again
      </button>
    </Screen>
  )
}

/** The login ended without a user: refused, denied on the phone, expired, or cancelled. */
export function Ended(props: {
  readonly canceled: boolean
  readonly error: string | undefined
  readonly onRestart: () => void
}) {
  return (
    <Screen title={props.canceled ? 'Sign-in cancelled' : 'Sign-in failed'}>
      <ErrorNote message={props.canceled ? undefined : (props.error ?? 'The sign-in did not complete.')} />
      <button type="button" onClick={props.onRestart}>
        Start over
      </button>
    </Screen>
  )
}

/** A failure worth trying again (network, timeout, a 5xx): RETRY runs the same step. */
export function Retryable(props: {
  readonly error: string | undefined
  readonly onRetry: () => void
  readonly onCancel: () => void
}) {
  return (
    <Screen title="Something went wrong">
      <ErrorNote message={props.error} />
      <div className="actions">
        <button type="button" onClick={props.onRetry}>
          Try again
        </button>
        <button type="button" className="secondary" onClick={props.onCancel}>
          Cancel sign-in
        </button>
      </div>
    </Screen>
  )
}

/** Between steps, when there is no form to keep on screen (a stage starting, a code exchange). */
export function Working(props: { readonly label: string }) {
  return (
    <Screen title="One moment" focusTitle={false}>
      <Spinner label={props.label} />
    </Screen>
  )
}
