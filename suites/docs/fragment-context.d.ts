/**
 * What the prose around a documentation fragment defines, for the fragment to type-check (see
 * doc-blocks.test.ts). Only fragments see these names; runnable examples define everything they use.
 */
import type { Emulator } from '@redirectless/emulator'
import type { HybridLoginMachine } from '@redirectless/orchestrator'
import type { PingFederateClient, PingFederateFlow } from '@redirectless/pingfederate'
import type { PingOneClient, PingOneFlow } from '@redirectless/pingone'
import type { Actor } from 'xstate'

declare global {
  const emu: Emulator
  const pf: PingFederateClient
  const p1: PingOneClient
  const pingFederate: PingFederateClient
  const pingOne: PingOneClient
  const flow: PingFederateFlow
  const mfa: PingOneFlow
  const machine: HybridLoginMachine
  const actor: Actor<HybridLoginMachine>
  /** The BFF's sealing key (32 random bytes from the secret store). */
  const sealingKey: Uint8Array
  /** What the user typed. */
  const username: string
  const password: string
  const otp: string
  /** The action and body a browser posted to a BFF. */
  const action: string
  const body: unknown
  /** An app's own rendering and cookie helpers. */
  function render(...args: unknown[]): void
  function setCookie(name: string, value: string): void
  function getCookie(name: string): string
}
