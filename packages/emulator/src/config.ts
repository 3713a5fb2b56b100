import { defaultPingFederateConfig, type PingFederateConfig } from './pingfederate/index.js'
import { defaultPingOneConfig, type PingOneConfig } from './pingone/index.js'
import type { FaultRule } from './shared/faults.js'
import { defaultEmulatorLimits, type EmulatorLimits, resolveLimits } from './shared/limits.js'

/** The whole emulator's configuration. Every field has a default in {@link defaultEmulatorConfig}. */
export interface EmulatorConfig {
  readonly pingFederate: PingFederateConfig
  readonly pingOne: PingOneConfig
  /** Faults active from the start; more can be added at run time through `emulator.faults`. */
  readonly faults: readonly FaultRule[]
  /**
   * Public base URLs of the two halves. `startEmulator` fills them with the loopback addresses it
   * listens on; in-process they default to `https://pingfederate.emulator.test` and
   * `https://auth.pingone.emulator.test`, which only the emulator's own `fetch` answers.
   */
  readonly baseUrls: { readonly pingFederate: string; readonly pingOne: string }
  /** Where the emulator's clock starts; it can then be moved with `emulator.clock.advance()`. */
  /** The clock, in ms since the epoch. */
  readonly now: () => number
  /**
   * How big a request body may be and how long a request may take to arrive (64 KiB; 10 s for a
   * body or for headers, 30 s for a whole request). Over them the answer is 413 or 408 with a
   * JSON error in the product's envelope, and the connection is closed.
   */
  readonly limits: EmulatorLimits
}

/** What `createEmulator` and `startEmulator` take: any part of the config, the rest from the defaults. */
export interface EmulatorOptions {
  readonly pingFederate?: Partial<PingFederateConfig>
  readonly pingOne?: Partial<PingOneConfig>
  readonly faults?: readonly FaultRule[]
  readonly baseUrls?: { readonly pingFederate?: string; readonly pingOne?: string }
  /** The clock, in ms since the epoch; `Date.now` by default (tests move time with their own). */
  readonly now?: () => number
  /** Any of the limits; the rest keep their defaults. Invalid values throw a `RangeError`. */
  readonly limits?: Partial<EmulatorLimits>
}

/** The defaults: the users, clients, applications, devices and policies documented in the README. */
export const defaultEmulatorConfig: EmulatorConfig = {
  pingFederate: defaultPingFederateConfig,
  pingOne: defaultPingOneConfig,
  faults: [],
  baseUrls: {
    pingFederate: 'https://pingfederate.emulator.test',
    pingOne: 'https://auth.pingone.emulator.test',
  },
  now: Date.now,
  limits: defaultEmulatorLimits,
}

export function resolveConfig(options: EmulatorOptions = {}): EmulatorConfig {
  return {
    pingFederate: { ...defaultEmulatorConfig.pingFederate, ...options.pingFederate },
    pingOne: { ...defaultEmulatorConfig.pingOne, ...options.pingOne },
    faults: options.faults ?? defaultEmulatorConfig.faults,
    baseUrls: { ...defaultEmulatorConfig.baseUrls, ...options.baseUrls },
    now: options.now ?? defaultEmulatorConfig.now,
    limits: resolveLimits(options.limits),
  }
}
