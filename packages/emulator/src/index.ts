export { defaultEmulatorConfig, type EmulatorConfig, type EmulatorOptions } from './config.js'
export { createEmulator, type Emulator } from './emulator.js'
export {
  BFF_CLIENT_ID,
  type ClientAuthMethod,
  COOKIELESS_CLIENT_ID,
  DEMO_CLIENT_ID,
  DEMO_PASSWORD,
  defaultPingFederateConfig,
  LEGACY_CLIENT_ID,
  type PfClientConfig,
  type PfLockoutConfig,
  type PfPushMfaConfig,
  type PfUserConfig,
  type PingFederateConfig,
  type PingFederateInfo,
  type PkceMethod,
} from './pingfederate/index.js'
export {
  type AssertionOptions,
  type DeviceType,
  defaultPingOneConfig,
  type FidoTestAuthenticator,
  type OtpDeviceType,
  type Outbox,
  type OutboxChannel,
  type OutboxMessage,
  type P1ApplicationConfig,
  type P1DeviceConfig,
  type P1UserConfig,
  type PingOneConfig,
  type PingOneInfo,
  type PushController,
  type SignOnPolicyConfig,
} from './pingone/index.js'
export { type StartEmulatorOptions, startEmulator } from './server.js'
export type { EmulatorClock } from './shared/clock.js'
export type { Fault, FaultController, FaultRule } from './shared/faults.js'
export type { Product, RouteName } from './shared/half.js'
export { defaultEmulatorLimits, type EmulatorLimits } from './shared/limits.js'
