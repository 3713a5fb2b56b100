import { type FormEvent, useEffect, useRef, useState } from 'react'
import { ErrorNote, Screen, Spinner } from './parts.js'

/** PingFederate's `USERNAME_PASSWORD_REQUIRED`: the first factor. */
export function SignIn(props: {
  readonly busy: boolean
  readonly error: string | undefined
  readonly onSubmit: (username: string, password: string) => void
}) {
  const [username, setUsername] = useState('')
  const [password, setPassword] = useState('')
  const usernameField = useRef<HTMLInputElement>(null)
  const passwordField = useRef<HTMLInputElement>(null)
  // A new screen: the keyboard starts on its first field (the title is not focused here).
  useEffect(() => usernameField.current?.focus(), [])
  // A refused password: back to its field (the form was disabled while it was checked).
  useEffect(() => {
    if (props.error && !props.busy) passwordField.current?.focus()
  }, [props.error, props.busy])
  const submit = (event: FormEvent) => {
    event.preventDefault()
    props.onSubmit(username.trim(), password)
    // The password is not kept once sent: a refused one is typed again.
    setPassword('')
  }
  return (
    <Screen title="Sign in" focusTitle={false}>
      <form onSubmit={submit} aria-describedby={props.error ? 'sign-in-error' : undefined}>
        <fieldset disabled={props.busy}>
          <label htmlFor="username">Username</label>
          <input
            id="username"
            name="username"
            autoComplete="username"
            required
            ref={usernameField}
            value={username}
            onChange={(e) => setUsername(e.target.value)}
          />
          <label htmlFor="password">Password</label>
          <input
            id="password"
            name="password"
            type="password"
            ref={passwordField}
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            aria-invalid={props.error ? true : undefined}
            aria-describedby={props.error ? 'sign-in-error' : undefined}
          />
          <ErrorNote id="sign-in-error" message={props.error} />
          <button type="submit">Sign in</button>
        </fieldset>
        {props.busy && <Spinner label="Checking your password…" />}
      </form>
    </Screen>
  )
}
