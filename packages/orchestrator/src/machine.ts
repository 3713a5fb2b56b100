import {
  ErrorCodes,
  type IdTokenClaims,
  RedirectlessError,
  type TokenEndpointResponse,
} from '@redirectless/core'
import {
  type AnyActorLogic,
  type AnyEventObject,
  assign,
  createMachine,
  fromPromise,
  type setup,
} from 'xstate'
import type { HybridLoginContext } from './context.js'
import { toHybridError } from './errors.js'
import { createFlowSteps, type StepInput, type StepOutput, stepOutputOf } from './flows.js'
import { withSecretPersistence } from './persistence.js'
import { reveal, Secret } from './secret.js'
import type { HybridFlowStage as Stage } from './stages.js'
import type { HybridLoginEvent } from './submit-event.js'
import type {
  HybridLoginError,
  HybridLoginOptions,
  HybridLoginOutput,
  RetryOperation,
  Vault,
} from './types.js'

type Completed = {
  readonly claims: IdTokenClaims | undefined
  readonly tokens: Secret<TokenEndpointResponse>
}

// Errors the user answers by submitting again: the flow is unchanged and still usable.
const INPUT_ERRORS: ReadonlySet<string> = new Set([
  ErrorCodes.FLOW_ERROR,
  ErrorCodes.ACTION_NOT_AVAILABLE,
  // An action linked to another origin: refused before anything was sent (issue 13 §2).
  ErrorCodes.UNTRUSTED_LINK,
  ErrorCodes.STALE_STATE,
  ErrorCodes.INVALID_ARGUMENT,
  ErrorCodes.NETWORK_ERROR,
  ErrorCodes.TIMEOUT,
  ErrorCodes.SERVER_ERROR,
  ErrorCodes.RATE_LIMITED,
])

const cleared = { error: undefined, canRetry: false, retry: undefined } as const

/** What a stage starts from (its `starting` state), set by every transition into it. */
const stageEntered = (stage: Stage): Partial<HybridLoginContext> => ({
  stage,
  status: undefined,
  state: undefined,
  actions: [],
  waiting: false,
  ...cleared,
})

/** What the final state shows, set by every transition into it. */
const doneEntered = { stage: 'done', waiting: false, actions: [], ...cleared } as const

/** The context a login starts with. */
export const initialContext = (): HybridLoginContext => ({
  stage: 'pingFederate',
  status: undefined,
  state: undefined,
  actions: [],
  waiting: false,
  ...cleared,
  pingFederateClaims: undefined,
  pingOneClaims: undefined,
  mfaSkipped: false,
  vault: new Secret<Vault>({}),
})

function stepUpdate(
  stage: Stage,
  context: HybridLoginContext,
  output: StepOutput,
  first: boolean,
): Partial<HybridLoginContext> {
  // The client's parser checked the state against its own model: this is that model.
  return {
    // PingOne answering COMPLETED to its very first request: its policy asked for no MFA.
    ...(first && stage === 'pingOne' && { mfaSkipped: output.state.status === 'COMPLETED' }),
    stage,
    status: output.state.status,
    state: output.state,
    // The client's own rule (`flow.actions`): no page, no link it would refuse to post to.
    actions: output.actions,
    waiting: output.waiting,
    vault: new Secret<Vault>({ ...reveal(context.vault), [stage]: output.secrets.reveal() }),
  } as Partial<HybridLoginContext>
}

function errorUpdate(
  stage: Stage,
  error: unknown,
  operation?: RetryOperation,
  context?: HybridLoginContext,
): Partial<HybridLoginContext> {
  const e = toHybridError(error, stage)
  const retry = operation !== undefined && e.retryable ? { stage, operation } : undefined
  const output = stepOutputOf(error)
  return {
    ...(output && context && stepUpdate(stage, context, output, false)),
    error: e,
    canRetry: retry !== undefined,
    retry,
  }
}

function endedUpdate(stage: Stage, context: HybridLoginContext): Partial<HybridLoginContext> {
  const state = (context.state ?? {}) as { code?: unknown; message?: unknown; userMessage?: unknown }
  const server = Object.fromEntries(
    (['code', 'message', 'userMessage'] as const)
      .filter((key) => typeof state[key] === 'string')
      .map((key) => [key, state[key]]),
  )
  const error = new RedirectlessError(ErrorCodes.FLOW_FAILED, `The ${stage} flow ended in FAILED`, {
    server,
    flowStatus: 'FAILED',
  })
  return { error: toHybridError(error, stage), canRetry: false, retry: undefined }
}

/** The refusal of an action the current state does not offer; nothing was sent. */
function notOffered(context: HybridLoginContext, action: unknown): RedirectlessError {
  const name = typeof action === 'string' ? action.slice(0, 64) : typeof action
  return new RedirectlessError(
    ErrorCodes.ACTION_NOT_AVAILABLE,
    `${context.status ?? 'This state'} does not offer "${name}"; it offers ${context.actions.map((a) => `"${a}"`).join(', ') || 'nothing'}`,
    { ...(context.status !== undefined && { flowStatus: context.status }) },
  )
}

/**
 * A step whose signal was aborted belongs to an actor that was stopped: its outcome is nobody's.
 * xstate relays a promise's outcome whenever its actor is active, and @xstate/react stops and
 * restarts the same actors under React's StrictMode, so the first run's ABORTED would otherwise end
 * the restarted login. It never settles instead.
 */
function unlessStopped<T>(signal: AbortSignal, step: Promise<T>): Promise<T> {
  const dropped = () => new Promise<T>(() => {})
  return step.then(
    (value) => (signal.aborted ? dropped() : value),
    (error: unknown) => (signal.aborted ? dropped() : Promise.reject(error)),
  )
}

const isRetryable = (stage: Stage, error: unknown) => toHybridError(error, stage).retryable

function withoutFlow(vault: Vault, stage: Stage): Vault {
  const { [stage]: _finished, ...rest } = vault
  return rest
}

/**
 * xstate's `setup()`, typed as such, with only what this machine uses. At run time `setup()` is
 * `createMachine(config, { actors, … })` plus a literal of every action creator xstate has (sendTo,
 * raise, log, emit, …), which no bundler can drop: about 0.8 kB brotli of a browser bundle for
 * nothing. The types, and so the checking of `src`, `input` and `output`, are setup()'s own.
 */
const lightSetup = ((config: { readonly actors: Record<string, AnyActorLogic> }) => ({
  createStateConfig: <T>(state: T) => state,
  createMachine: (machine: object) => createMachine(machine as never, { actors: config.actors }),
})) as unknown as typeof setup

// The machine's type is inferred from its config; the exported function names it (below).
function buildHybridLoginMachine(options: HybridLoginOptions) {
  if (!options || typeof options !== 'object' || !options.pingFederate || !options.pingOne) {
    throw new RedirectlessError(
      ErrorCodes.INVALID_ARGUMENT,
      'createHybridLoginMachine needs pingFederate and pingOne clients',
    )
  }
  if (typeof options.loginHintToken !== 'function') {
    throw new RedirectlessError(
      ErrorCodes.INVALID_ARGUMENT,
      'loginHintToken must be a function that returns the token',
    )
  }
  const steps = createFlowSteps(options)

  const machineSetup = lightSetup({
    types: {
      context: {} as HybridLoginContext,
      events: {} as HybridLoginEvent,
      output: {} as HybridLoginOutput,
    },
    actors: {
      start: fromPromise<StepOutput, StepInput & { readonly claims: IdTokenClaims | undefined }>(
        ({ input, signal }) => unlessStopped(signal, steps.start(input, signal)),
      ),
      submit: fromPromise<StepOutput, StepInput & { readonly action: string; readonly body: unknown }>(
        ({ input, signal }) => unlessStopped(signal, steps.submit(input, signal)),
      ),
      poll: fromPromise<StepOutput, StepInput>(({ input, signal }) =>
        unlessStopped(signal, steps.poll(input, signal)),
      ),
      complete: fromPromise<Completed, StepInput>(({ input, signal }) =>
        unlessStopped(signal, steps.complete(input, signal)),
      ),
      cancel: fromPromise<void, StepInput>(({ input, signal }) =>
        unlessStopped(signal, steps.cancel(input, signal)),
      ),
      skipMfa: fromPromise<
        boolean,
        { readonly vault: Secret<Vault>; readonly claims: IdTokenClaims | undefined }
      >(({ input }) => steps.skipMfa(input)),
    },
  })

  // skipMfa (a callback, or true) is answered in the `deciding` state; without it PingOne follows at once.
  // [where PingFederate's completion leads, what the context becomes there]
  const afterPingFederate = options.skipMfa
    ? (['#hybridLogin.deciding', cleared] as const)
    : (['#hybridLogin.pingOne', stageEntered('pingOne')] as const)

  const stepInput = (stage: Stage, context: HybridLoginContext): StepInput => ({
    stage,
    state: context.state,
    vault: context.vault,
  })

  // Where a stage goes once a step has answered. A transition's guards run before its actions, so
  // they read the answer (or the flow a failed step left behind) rather than the updated context:
  // one microstep per answer instead of a pass through an eventless routing state.
  type Answered = { readonly context: HybridLoginContext; readonly event: unknown }
  const answered = ({ context, event }: Answered): { status: string | undefined; waiting: boolean } => {
    const e = event as { output?: StepOutput; error?: unknown }
    const output = 'output' in e ? e.output : stepOutputOf(e.error)
    return output ? { status: output.state.status, waiting: output.waiting } : context
  }
  const update = (f: (answer: Answered) => Partial<HybridLoginContext>) =>
    assign<HybridLoginContext, AnyEventObject, undefined, HybridLoginEvent, never>(f)
  const routes = (stage: Stage, f: (answer: Answered) => Partial<HybridLoginContext>) => {
    const actions = update(f)
    const to = (target: string, test: (next: ReturnType<typeof answered>) => boolean) => ({
      guard: (a: Answered) => test(answered(a)),
      target,
      actions,
    })
    return [
      // RESUME too: complete() follows resumeUrl when the client has `followResume`, and fails with
      // RESUME_REQUIRED (a browser must go on) when it does not.
      to('completing', (n) => n.status === 'COMPLETED' || n.status === 'RESUME'),
      {
        ...to('#hybridLogin.failed', (n) => n.status === 'FAILED'),
        actions: [actions, update(({ context }) => endedUpdate(stage, context))],
      },
      to('#hybridLogin.canceled', (n) => n.status === 'CANCELED'),
      to('polling', (n) => n.waiting),
      { target: 'awaitingInput', actions },
    ]
  }

  // An action the state does not offer is refused here, before any step runs: the flow and the
  // machine stay where they were, with the error shown (an own `_links` entry only, invariant 12).
  const submitOrRefuse = [
    {
      guard: ({ context, event }: { context: HybridLoginContext; event: HybridLoginEvent }) =>
        event.type === 'SUBMIT' && context.actions.includes(event.action),
      target: 'submitting',
    },
    {
      actions: update(({ context, event }) => ({
        error: toHybridError(
          notOffered(context, (event as { action?: unknown }).action),
          context.stage === 'pingOne' ? 'pingOne' : 'pingFederate',
        ),
        canRetry: false,
        retry: undefined,
      })),
    },
  ]

  // A retryable failure waits in `error` for RETRY; any other ends the login.
  const failing = (stage: Stage, operation: RetryOperation) => {
    const error = (a: Answered) => (a.event as { error: unknown }).error
    return [
      {
        guard: (a: Answered) => isRetryable(stage, error(a)),
        target: 'error',
        actions: update((a) => errorUpdate(stage, error(a), operation, a.context)),
      },
      { target: '#hybridLogin.failed', actions: update((a) => errorUpdate(stage, error(a))) },
    ]
  }

  const stageStates = (stage: Stage) =>
    machineSetup.createStateConfig({
      initial: 'starting',
      on: { CANCEL: '#hybridLogin.canceling' },
      states: {
        starting: {
          // The context is reset by the transitions that enter here (stageEntered): an entry action
          // would copy the snapshot once more per stage.
          invoke: {
            src: 'start',
            input: ({ context }) => ({
              ...stepInput(stage, context),
              state: undefined,
              claims: context.pingFederateClaims,
            }),
            onDone: routes(stage, ({ context, event }) =>
              stepUpdate(stage, context, (event as { output: StepOutput }).output, true),
            ),
            onError: failing(stage, 'start'),
          },
        },
        awaitingInput: { on: { SUBMIT: submitOrRefuse } },
        submitting: {
          invoke: {
            src: 'submit',
            input: ({ context, event }) => ({
              ...stepInput(stage, context),
              action: event.type === 'SUBMIT' ? event.action : '',
              body:
                event.type === 'SUBMIT'
                  ? event.body instanceof Secret
                    ? event.body
                    : new Secret(event.body, { transient: true })
                  : undefined,
            }),
            onDone: routes(stage, ({ context, event }) => ({
              ...cleared,
              ...stepUpdate(stage, context, (event as { output: StepOutput }).output, false),
            })),
            onError: [
              {
                guard: ({ event }) => !INPUT_ERRORS.has(toHybridError(event.error, stage).code),
                target: '#hybridLogin.failed',
                actions: assign(({ context, event }) => errorUpdate(stage, event.error, undefined, context)),
              },
              // Back to the user, unless re-reading the flow showed it ended.
              ...routes(stage, ({ context, event }) =>
                errorUpdate(stage, (event as { error: unknown }).error, undefined, context),
              ),
            ],
          },
        },
        polling: {
          on: { SUBMIT: submitOrRefuse },
          invoke: {
            src: 'poll',
            input: ({ context }) => stepInput(stage, context),
            onDone: routes(stage, ({ context, event }) =>
              stepUpdate(stage, context, (event as { output: StepOutput }).output, false),
            ),
            onError: failing(stage, 'poll'),
          },
        },
        completing: {
          invoke: {
            src: 'complete',
            input: ({ context }) => stepInput(stage, context),
            onDone: {
              target: stage === 'pingFederate' ? afterPingFederate[0] : '#hybridLogin.done',
              actions: assign(({ context, event }) => ({
                ...(stage === 'pingOne' ? doneEntered : afterPingFederate[1]),
                [stage === 'pingFederate' ? 'pingFederateClaims' : 'pingOneClaims']: event.output.claims,
                // The finished flow's PKCE state and cookies are never read again: they leave the vault
                // (and every persisted snapshot) as soon as its tokens are in.
                vault: new Secret<Vault>({
                  ...withoutFlow(reveal(context.vault), stage),
                  [`${stage}Tokens`]: event.output.tokens.reveal(),
                }),
              })),
            },
            onError: failing(stage, 'complete'),
          },
        },
        error: {
          on: {
            RETRY: [
              {
                guard: ({ context }) => context.retry?.operation === 'start',
                target: 'starting',
                actions: assign(stageEntered(stage)),
              },
              { guard: ({ context }) => context.retry?.operation === 'poll', target: 'polling' },
              { guard: ({ context }) => context.retry?.operation === 'complete', target: 'completing' },
            ],
          },
        },
      },
    })

  const machine = machineSetup.createMachine({
    id: 'hybridLogin',
    context: initialContext,
    initial: 'pingFederate',
    on: { RESTART: { target: '.pingFederate', actions: assign(() => initialContext()) } },
    states: {
      pingFederate: stageStates('pingFederate'),
      deciding: {
        invoke: {
          src: 'skipMfa',
          input: ({ context }) => ({ vault: context.vault, claims: context.pingFederateClaims }),
          onDone: [
            {
              guard: ({ event }) => event.output,
              target: 'done',
              actions: assign({ ...doneEntered, mfaSkipped: true }),
            },
            { target: 'pingOne', actions: assign(stageEntered('pingOne')) },
          ],
          onError: {
            target: 'failed',
            actions: assign(({ event }) => errorUpdate('pingFederate', event.error)),
          },
        },
      },
      pingOne: stageStates('pingOne'),
      canceling: {
        invoke: {
          src: 'cancel',
          input: ({ context }) =>
            stepInput(context.stage === 'pingOne' ? 'pingOne' : 'pingFederate', context),
          onDone: 'canceled',
          onError: 'canceled',
        },
      },
      canceled: {
        entry: assign({ stage: 'canceled', waiting: false, actions: [], canRetry: false, retry: undefined }),
      },
      failed: {
        entry: assign({ stage: 'failed', waiting: false, actions: [], canRetry: false, retry: undefined }),
        invoke: {
          // Best effort: the failed stage's server-side flow is cancelled where the API allows.
          src: 'cancel',
          input: ({ context }) => {
            const error = context.error as HybridLoginError | undefined
            const gone =
              error?.code === ErrorCodes.FLOW_EXPIRED ||
              context.status === 'FAILED' ||
              context.status === 'COMPLETED'
            return {
              stage: error?.stage ?? 'pingFederate',
              state: gone ? undefined : context.state,
              vault: context.vault,
            }
          },
        },
      },
      // Entered with doneEntered assigned by each transition that leads here.
      done: { type: 'final' },
    },
    output: ({ context }) => ({
      pingFederate: { claims: context.pingFederateClaims },
      pingOne:
        context.pingOneClaims === undefined && context.mfaSkipped
          ? undefined
          : { claims: context.pingOneClaims },
      mfaSkipped: context.mfaSkipped,
    }),
  })
  return withSecretPersistence(machine)
}

/** The machine {@link createHybridLoginMachine} returns: an xstate machine typed by its config. */
// An interface, not an alias: editors and the API reference name it instead of spelling out the config.
export interface HybridLoginMachine extends ReturnType<typeof buildHybridLoginMachine> {}

/**
 * Creates the hybrid login machine: a PingFederate first factor, then a login_hint_token for the
 * same user, then PingOne MFA, then both results. Drive it with `SUBMIT { action, body }` (build the
 * event with {@link submitEvent}, which checks the action and body against the stage's client and
 * keeps the body out of inspection), `CANCEL`, `RETRY` and `RESTART`; render from `snapshot.context`
 * (`stage`, `status`, `state`, `actions`, `error`, `canRetry`, `waiting`), a union on `stage` and
 * `status` whose `state` is that client's model ({@link HybridLoginContext}).
 *
 * The context holds no secret: PKCE verifiers, cookies and tokens sit in a {@link Secret}, and
 * `actor.getPersistedSnapshot()` reveals them into plain JSON that `createActor(machine, { snapshot })`
 * restores in any process (seal it with {@link sealSnapshot} before storing it).
 *
 * @example
 * ```ts
 * const actor = createActor(createHybridLoginMachine({ pingFederate: pf, pingOne: p1, loginHintToken }))
 * actor.start()
 * actor.send(submitEvent('checkUsernamePassword', { username: 'joe', password }))
 * ```
 */
export function createHybridLoginMachine(options: HybridLoginOptions): HybridLoginMachine {
  return buildHybridLoginMachine(options)
}
