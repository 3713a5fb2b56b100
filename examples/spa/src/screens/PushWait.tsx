import { ErrorNote, Screen, Spinner } from './parts.js'

/**
 * PingOne's `PUSH_CONFIRMATION_REQUIRED` while the machine polls, and `PUSH_CONFIRMATION_TIMED_OUT`
 * after it: approve on the phone, or send it again, pick another device, or give up.
 */
export function PushWait(props: {
  readonly timedOut: boolean
  readonly busy: boolean
  readonly error: string | undefined
  /** Sends the push again (`device.select` with the same device); only once it timed out. */
  readonly onResend: (() => void) | undefined
  /** Stops this push and goes back to the device list (`cancel.push.authentication`). */
  readonly onOtherDevice: (() => void) | undefined
  readonly onCancel: () => void
}) {
  return (
    <Screen title={props.timedOut ? 'The notification expired' : 'Check your phone'}>
      {props.timedOut ? (
        <p>Nobody answered the notification in time.</p>
      ) : (
        <Spinner label="Waiting for you to approve the sign-in on your phone…" />
      )}
      <ErrorNote message={props.error} />
      <div className="actions">
        {props.timedOut && props.onResend && (
          <button type="button" disabled={props.busy} onClick={props.onResend}>
            Send it again
          </button>
        )}
        {props.onOtherDevice && (
          <button type="button" className="secondary" disabled={props.busy} onClick={props.onOtherDevice}>
            Use another device
          </button>
        )}
        <button type="button" className="secondary" disabled={props.busy} onClick={props.onCancel}>
          Cancel sign-in
        </button>
      </div>
    </Screen>
  )
}
