/** Server reasons of PingFederate's policies, in words (for `errors.ts`'s messages). */
export const PINGFEDERATE_REASONS: Readonly<Record<string, string>> = {
  OTP_ATTEMPTS_LIMIT: 'too many wrong codes',
  OTP_RESEND_LIMIT: 'too many codes were asked for',
  OTP_EXPIRED: 'the code expired',
  NO_DEVICES: 'the user has no MFA device at PingFederate',
  ACCOUNT_RECOVERY_ERROR: 'the recovery code was wrong',
  PASSWORD_CHANGE_ERROR: 'the new password breaks the password policy',
  REGISTRATION_FAILED: 'the account could not be created',
  INVALID_DEVICE_TARGET: 'the address was not valid',
}
