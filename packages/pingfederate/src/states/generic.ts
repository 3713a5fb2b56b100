import type { PingFederateStatus } from '../statuses.js'
import type { PingFederateStateBase } from './base.js'

/**
 * A state this client knows by name but has no field-by-field model for (SecurID, VIP, Entrust,
 * verification kits, device authorization, …): its model fields are there, typed `unknown`.
 */
export interface GenericState<S extends PingFederateStatus> extends PingFederateStateBase<S, string> {
  readonly [field: string]: unknown
}
