import { type FormEvent, useEffect, useRef, useState } from 'react'
import { ErrorNote, Screen, Spinner } from './parts.js'

/** PingOne's `OTP_REQUIRED`: the code from a text message, an e-mail or an authenticator app. */
export function OtpForm(props: {
  readonly busy: boolean
  readonly error: string | undefined
  /** What the user should look at, e.g. "Text message: *******01". */
  readonly device: string | undefined
  readonly onSubmit: (otp: string) => void
  readonly onCancel: () => void
}) {
  const [otp, setOtp] = useState('')
  const field = useRef<HTMLInputElement>(null)
  // A new screen: the keyboard starts on the code field (the title is not focused here).
  useEffect(() => field.current?.focus(), [])
  useEffect(() => {
    if (props.error && !props.busy) field.current?.focus()
  }, [props.error, props.busy])
  const submit = (event: FormEvent) => {
    event.preventDefault()
    props.onSubmit(otp.trim())
    setOtp('')
  }
  return (
    <Screen title="Enter your code" focusTitle={false}>
      {props.device && <p>We sent a code to {props.device}.</p>}
      <form onSubmit={submit}>
        <fieldset disabled={props.busy}>
          <label htmlFor="otp">One-time code</label>
          <input
            id="otp"
            name="otp"
            ref={field}
            inputMode="numeric"
            autoComplete="one-time-code"
            pattern="[0-9]{6,10}"
            required
            value={otp}
            onChange={(e) => setOtp(e.target.value)}
            aria-invalid={props.error ? true : undefined}
            aria-describedby={props.error ? 'otp-error' : undefined}
          />
          <ErrorNote id="otp-error" message={props.error} />
          <button type="submit">Verify</button>
          <button type="button" className="secondary" onClick={props.onCancel}>
            Cancel sign-in
          </button>
        </fieldset>
        {props.busy && <Spinner label="Checking your code…" />}
      </form>
    </Screen>
  )
}
