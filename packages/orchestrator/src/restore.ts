import { ErrorCodes, RedirectlessError } from '@redirectless/core'
import { type Actor, type ActorOptions, createActor, type Snapshot } from 'xstate'
import type { HybridLoginMachine } from './machine.js'

// The machine's states (createHybridLoginMachine): the two stages share their inner states.
const STAGE_STATES: ReadonlySet<string> = new Set([
  'starting',
  'awaitingInput',
  'submitting',
  'polling',
  'completing',
  'error',
])
const TOP_STATES: ReadonlySet<string> = new Set(['deciding', 'canceling', 'canceled', 'failed', 'done'])
const STAGES: ReadonlySet<string> = new Set(['pingFederate', 'pingOne'])
const CONTEXT_STAGES: ReadonlySet<string> = new Set(['pingFederate', 'pingOne', 'done', 'failed', 'canceled'])
const STATUSES: ReadonlySet<string> = new Set(['active', 'done', 'error', 'stopped'])
const ACTOR_SOURCES: ReadonlySet<string> = new Set([
  'start',
  'submit',
  'poll',
  'complete',
  'cancel',
  'skipMfa',
])
const RETRY_OPERATIONS: ReadonlySet<string> = new Set(['start', 'poll', 'complete'])

/** The state values the machine has, for its tests to hold this list to the machine itself. */
export const HYBRID_LOGIN_STATES = {
  stages: [...STAGES],
  stageStates: [...STAGE_STATES],
  top: [...TOP_STATES],
}

type Json = Record<string, unknown>
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
const optional = (value: unknown, test: (v: unknown) => boolean) => value === undefined || test(value)
const isString = (value: unknown) => typeof value === 'string'
const isStringIn = (set: ReadonlySet<string>) => (value: unknown) =>
  typeof value === 'string' && set.has(value)

/** The reasons a value is not a persisted hybrid login, first one found; undefined when it is one. */
function problemOf(value: unknown): string | undefined {
  if (!isObject(value)) return 'it is not an object'
  if (!isStringIn(STATUSES)(value.status)) return 'its status is not one the machine has'
  const state = value.value
  const stateOk =
    isStringIn(TOP_STATES)(state) ||
    (isObject(state) &&
      Object.keys(state).length === 1 &&
      Object.entries(state).every(([stage, inner]) => STAGES.has(stage) && isStringIn(STAGE_STATES)(inner)))
  if (!stateOk) return 'its state value is not one the machine has'
  if (!optional(value.historyValue, isObject)) return 'its history is malformed'
  const problem = contextProblem(value.context)
  if (problem) return `its context is malformed (${problem})`
  if (!optional(value.children, isObject)) return 'its children are malformed'
  for (const child of Object.values((value.children as Json | undefined) ?? {})) {
    if (!isObject(child) || !isStringIn(ACTOR_SOURCES)(child.src) || !optional(child.snapshot, isObject))
      return 'a running step is not one the machine has'
    const input = (child.snapshot as Json | undefined)?.input
    if (!optional(input, isObject)) return 'a running step has a malformed input'
  }
  return undefined
}

function contextProblem(context: unknown): string | undefined {
  if (!isObject(context)) return 'not an object'
  const checks: readonly [string, (v: unknown) => boolean][] = [
    ['stage', isStringIn(CONTEXT_STAGES)],
    ['status', (v) => optional(v, isString)],
    [
      'state',
      (v) => optional(v, (s) => isObject(s) && optional(s.status, isString) && optional(s._links, isObject)),
    ],
    ['actions', (v) => optional(v, (a) => Array.isArray(a) && a.every(isString))],
    ['waiting', (v) => optional(v, (w) => typeof w === 'boolean')],
    ['canRetry', (v) => optional(v, (w) => typeof w === 'boolean')],
    ['mfaSkipped', (v) => optional(v, (w) => typeof w === 'boolean')],
    [
      'error',
      (v) =>
        optional(
          v,
          (e) => isObject(e) && isString(e.code) && isString(e.message) && typeof e.retryable === 'boolean',
        ),
    ],
    [
      'retry',
      (v) =>
        optional(
          v,
          (r) => isObject(r) && STAGES.has(r.stage as string) && isStringIn(RETRY_OPERATIONS)(r.operation),
        ),
    ],
    ['pingFederateClaims', (v) => optional(v, isObject)],
    ['pingOneClaims', (v) => optional(v, isObject)],
    ['vault', (v) => v === undefined || v === null || vaultOk(v)],
  ]
  for (const [name, ok] of checks) if (!ok(context[name])) return name
  return undefined
}

function vaultOk(vault: unknown): boolean {
  if (!isObject(vault)) return false
  const flowOk = (secrets: unknown) =>
    isObject(secrets) &&
    isString(secrets.product) &&
    isObject(secrets.session) &&
    isObject(secrets.session.request) &&
    isObject(secrets.session.extra)
  return (
    optional(vault.pingFederate, flowOk) &&
    optional(vault.pingOne, flowOk) &&
    optional(vault.pingFederateTokens, isObject) &&
    optional(vault.pingOneTokens, isObject)
  )
}

/**
 * Throws `INVALID_ARGUMENT` unless `value` has the shape of a hybrid login's persisted snapshot
 * (`actor.getPersistedSnapshot()`, plain JSON): a known state, a context of the right types, only the
 * machine's own steps running. {@link unsealSnapshot} and {@link restoreHybridLogin} check it, so that
 * a malformed, foreign or swapped value is refused before an actor exists: xstate would otherwise
 * fail inside the actor and rethrow from a timer, where no caller can catch it.
 */
export function checkPersistedLogin(value: unknown): asserts value is Snapshot<unknown> {
  const problem = problemOf(value)
  if (problem) {
    throw new RedirectlessError(ErrorCodes.INVALID_ARGUMENT, `Not a persisted hybrid login: ${problem}`)
  }
}

/**
 * Creates an actor that continues a persisted login (`actor.getPersistedSnapshot()`, after
 * {@link unsealSnapshot} or your store), after checking it (see {@link checkPersistedLogin}). Start
 * it and send it the next event as with `createActor`.
 *
 * @example
 * ```ts
 * const actor = restoreHybridLogin(machine, await unsealSnapshot(cookie, key))
 * actor.start()
 * ```
 * @throws `INVALID_ARGUMENT` for anything that is not a persisted hybrid login; no actor is created.
 */
export function restoreHybridLogin(
  machine: HybridLoginMachine,
  persisted: unknown,
  options: Omit<ActorOptions<HybridLoginMachine>, 'snapshot'> = {},
): Actor<HybridLoginMachine> {
  checkPersistedLogin(persisted)
  return createActor(machine, { ...options, snapshot: persisted })
}
