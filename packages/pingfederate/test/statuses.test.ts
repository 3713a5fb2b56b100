import { expect, it } from 'vitest'
import { isPingFederateStatus, PING_FEDERATE_STATUSES, TERMINAL_STATUSES } from '../src/index.js'

it('the catalogue lists every status once, the ones outside the widget included', () => {
  expect(new Set(PING_FEDERATE_STATUSES).size).toBe(PING_FEDERATE_STATUSES.length)
  expect(PING_FEDERATE_STATUSES.length).toBe(106)
  for (const status of [
    'OTP_VERIFIED',
    'MOBILE_PAIRING_STARTED',
    'MOBILE_PAIRING_COMPLETED',
    'ONE_TIME_LINK_VERIFICATION_REQUIRED',
    'MULTI_FACTOR_AUTHENTICATION_STATE',
    ...TERMINAL_STATUSES,
  ]) {
    expect(isPingFederateStatus(status)).toBe(true)
  }
  expect(isPingFederateStatus('usernamePassword.check')).toBe(false)
  expect(isPingFederateStatus('toString')).toBe(false)
})
