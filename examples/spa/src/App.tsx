import { hybridLoginPhase, submitEvent } from '@redirectless/orchestrator'
import { getAssertion } from '@redirectless/pingone/webauthn'
import { useActorRef, useSelector } from '@xstate/react'
import { useState } from 'react'
import type { Actor } from 'xstate'
import type { SpaLoginMachine } from './login.js'
import { describeError } from './messages.js'
import { devicesOf, requestOptionsOf, selectedDeviceId } from './model.js'
import { DeviceList } from './screens/DeviceList.js'
import { OtpForm } from './screens/OtpForm.js'
import { Ended, Retryable, SignedIn, Working } from './screens/Outcome.js'
import { PushWait } from './screens/PushWait.js'
import { Screen } from './screens/parts.js'
import { SecurityKey } from './screens/SecurityKey.js'
import { SignIn } from './screens/SignIn.js'

/** The whole sign-in; "Sign in again" starts a new login (a new actor) from scratch. */
export function App(props: { readonly machine: SpaLoginMachine }) {
  const [attempt, setAttempt] = useState(0)
  return <LoginActor key={attempt} machine={props.machine} onAgain={() => setAttempt((n) => n + 1)} />
}

/**
 * One login's actor, started and stopped with the component. Under React's StrictMode (development)
 * `useActorRef` stops and restarts it once; the machine drops what the stopped run was doing.
 */
function LoginActor(props: { readonly machine: SpaLoginMachine; readonly onAgain: () => void }) {
  const actor = useActorRef(props.machine)
  return <Login actor={actor} onAgain={props.onAgain} />
}

/** One login: the screen follows the machine's stage, status and phase. */
function Login(props: { readonly actor: Actor<SpaLoginMachine>; readonly onAgain: () => void }) {
  const { actor } = props
  const snapshot = useSelector(actor, (s) => s)
  // The WebAuthn ceremony runs in the page, outside the machine: its wait and its error are ours.
  const [ceremony, setCeremony] = useState<{ busy: boolean; error?: string }>({ busy: false })
  const phase = hybridLoginPhase(snapshot)
  const { stage, status, state, actions, error } = snapshot.context
  const busy = phase === 'busy'
  const message = describeError(error, state)
  const cancel = () => actor.send({ type: 'CANCEL' })
  const offered = (action: string) => actions.includes(action)

  if (phase === 'done') {
    const claims = snapshot.context.pingOneClaims ?? snapshot.context.pingFederateClaims
    const amr = Array.isArray(claims?.amr) ? claims.amr.filter((v): v is string => typeof v === 'string') : []
    const name = snapshot.context.pingFederateClaims?.sub ?? 'you'
    const acr = typeof claims?.acr === 'string' ? claims.acr : undefined
    return <SignedIn name={name} acr={acr} amr={amr} onSignOut={props.onAgain} />
  }
  if (phase === 'failed' || phase === 'canceled') {
    return (
      <Ended
        canceled={phase === 'canceled'}
        error={message}
        onRestart={() => actor.send({ type: 'RESTART' })}
      />
    )
  }
  if (phase === 'error') {
    return <Retryable error={message} onRetry={() => actor.send({ type: 'RETRY' })} onCancel={cancel} />
  }

  if (stage === 'pingFederate' && status === 'USERNAME_PASSWORD_REQUIRED') {
    return (
      <SignIn
        busy={busy}
        error={message}
        onSubmit={(username, password) =>
          actor.send(submitEvent('checkUsernamePassword', { username, password }))
        }
      />
    )
  }
  if (stage === 'pingOne' && status === 'DEVICE_SELECTION_REQUIRED') {
    return (
      <DeviceList
        devices={devicesOf(state)}
        busy={busy}
        error={message}
        onSelect={(id) => actor.send(submitEvent('device.select', { device: { id } }))}
        onCancel={cancel}
      />
    )
  }
  if (stage === 'pingOne' && status === 'OTP_REQUIRED') {
    const id = selectedDeviceId(state)
    const device = devicesOf(state).find((d) => d.id === id)
    return (
      <OtpForm
        busy={busy}
        error={message}
        device={device?.label}
        onSubmit={(otp) => actor.send(submitEvent('otp.check', { otp }))}
        onCancel={cancel}
      />
    )
  }
  if (
    stage === 'pingOne' &&
    (status === 'PUSH_CONFIRMATION_REQUIRED' || status === 'PUSH_CONFIRMATION_TIMED_OUT')
  ) {
    const id = selectedDeviceId(state)
    return (
      <PushWait
        timedOut={status === 'PUSH_CONFIRMATION_TIMED_OUT'}
        busy={busy}
        error={message}
        onResend={
          id !== undefined && offered('device.select')
            ? () => actor.send(submitEvent('device.select', { device: { id } }))
            : undefined
        }
        onOtherDevice={
          offered('cancel.push.authentication')
            ? () => actor.send(submitEvent('cancel.push.authentication', { reason: 'CHANGE_DEVICE' }))
            : undefined
        }
        onCancel={cancel}
      />
    )
  }
  if (stage === 'pingOne' && status === 'ASSERTION_REQUIRED') {
    const runCeremony = async () => {
      const options = requestOptionsOf(state)
      if (options === undefined) {
        setCeremony({ busy: false, error: 'PingOne sent no request for the security key' })
        return
      }
      setCeremony({ busy: true })
      try {
        const assertion = await getAssertion(options as Parameters<typeof getAssertion>[0])
        setCeremony({ busy: false })
        actor.send(submitEvent('assertion.check', { origin: window.location.origin, assertion }))
      } catch (failure) {
        const text = (failure as { message?: unknown }).message
        setCeremony({
          busy: false,
          error: typeof text === 'string' ? text : 'The security key did not answer',
        })
      }
    }
    return (
      <SecurityKey
        busy={busy || ceremony.busy}
        error={ceremony.error ?? message}
        onUseKey={() => void runCeremony()}
        onCancel={cancel}
      />
    )
  }
  if (busy || status === undefined) {
    return <Working label={stage === 'pingOne' ? 'Starting verification…' : 'Connecting…'} />
  }
  return (
    <Screen title="This step is not supported here">
      <p>
        The server asked for <code>{status}</code>, which this example does not handle.
      </p>
      <button type="button" onClick={cancel}>
        Cancel sign-in
      </button>
    </Screen>
  )
}
