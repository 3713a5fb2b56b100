import type { DeviceChoice } from '../model.js'
import { ErrorNote, Screen, Spinner } from './parts.js'

/** PingOne's `DEVICE_SELECTION_REQUIRED`: one button per device, in the order PingOne lists them. */
export function DeviceList(props: {
  readonly devices: readonly DeviceChoice[]
  readonly busy: boolean
  readonly error: string | undefined
  readonly onSelect: (deviceId: string) => void
  readonly onCancel: () => void
}) {
  return (
    <Screen title="Verify it's you">
      <p id="device-hint">Choose how to confirm your sign-in.</p>
      <ul className="devices" aria-describedby="device-hint">
        {props.devices.map((device) => (
          <li key={device.id}>
            <button type="button" disabled={props.busy} onClick={() => props.onSelect(device.id)}>
              {device.label}
            </button>
          </li>
        ))}
      </ul>
      <ErrorNote message={props.error} />
      {props.busy && <Spinner label="Contacting your device…" />}
      <button type="button" className="secondary" disabled={props.busy} onClick={props.onCancel}>
        Cancel sign-in
      </button>
    </Screen>
  )
}
