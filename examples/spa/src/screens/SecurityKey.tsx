import { ErrorNote, Screen, Spinner } from './parts.js'

/** PingOne's `ASSERTION_REQUIRED`: the browser asks the security key (`navigator.credentials.get`). */
export function SecurityKey(props: {
  readonly busy: boolean
  readonly error: string | undefined
  readonly onUseKey: () => void
  readonly onCancel: () => void
}) {
  return (
    <Screen title="Use your security key">
      <p>Your browser will ask you to touch or unlock your security key.</p>
      <ErrorNote message={props.error} />
      <div className="actions">
        <button type="button" disabled={props.busy} onClick={props.onUseKey}>
          Use security key
        </button>
        <button type="button" className="secondary" disabled={props.busy} onClick={props.onCancel}>
          Cancel sign-in
        </button>
      </div>
      {props.busy && <Spinner label="Waiting for your security key…" />}
    </Screen>
  )
}
