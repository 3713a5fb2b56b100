import type { PingOneStateBase } from './common.js'

/** Device authorization grant: the user types the code the device shows (`deviceAuthGrant.userCode.verify`). */
export interface PingOneDagUserCodeRequired extends PingOneStateBase<'DAG_USER_CODE_REQUIRED'> {}

/** Device authorization grant: the user allows the device (`deviceAuthGrant.consent`). */
export interface PingOneDagConsentRequired extends PingOneStateBase<'DAG_CONSENT_REQUIRED'> {}
