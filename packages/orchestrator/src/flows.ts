import {
  type AuthorizationResult,
  ErrorCodes,
  type Flow,
  type FlowStateBase,
  RedirectlessError,
  SAVED_FLOW_FORMAT,
} from '@redirectless/core'
import { callback } from './errors.js'
import { reveal, Secret } from './secret.js'
import type { FlowSecrets, HybridLoginOptions, LoginHintInput, Vault } from './types.js'

type AnyFlow = Flow<FlowStateBase, Record<string, unknown>, AuthorizationResult>
type Stage = 'pingFederate' | 'pingOne'

/** What every flow step hands back to the machine: the public state, its secrets, whether to wait. */
export interface StepOutput {
  readonly state: FlowStateBase
  readonly secrets: Secret<FlowSecrets>
  readonly waiting: boolean
  /** What the state offers that the client would send (`flow.actions`: no page, no foreign origin). */
  readonly actions: readonly string[]
}

/** The inputs of the machine's actors: public state, and secrets only inside {@link Secret}s. */
export interface StepInput {
  readonly stage: Stage
  readonly state: FlowStateBase | undefined
  readonly vault: Secret<Vault> | Vault | null
}

const STEP_OUTPUT = Symbol('redirectless.stepOutput')

/**
 * A failed step still changed things worth keeping: PingFederate rotates its cookie on error
 * answers, and a refused OTP can end the flow server-side. The flow's latest secrets and state
 * travel on the error (under a symbol, so never serialised) and the machine keeps them.
 */
export function stepOutputOf(error: unknown): StepOutput | undefined {
  return error && typeof error === 'object'
    ? (error as { [STEP_OUTPUT]?: StepOutput })[STEP_OUTPUT]
    : undefined
}

// PingFederate statuses whose only job is to be continued; Ping's widget answers them itself.
const AUTO_CONTINUE: Readonly<Record<string, readonly [string, unknown]>> = {
  MFA_COMPLETED: ['continueAuthentication', undefined],
  OTP_VERIFIED: ['continueAuthentication', undefined],
  EXTERNAL_AUTHENTICATION_COMPLETED: ['continueAuthentication', undefined],
  ID_VERIFICATION_COMPLETED: ['continueAuthentication', undefined],
  MOBILE_PAIRING_REQUIRED: ['continueAuthentication', undefined],
  LINK_COMPLETED: ['continue', {}],
  CREDENTIAL_VERIFICATION_COMPLETED: ['continue', {}],
  AUTHENTICATION_REQUIRED: ['authenticate', {}],
}
const MAX_AUTO_STEPS = 8

/**
 * The vault an actor was given. A snapshot persisted while the actor was running keeps no secret
 * in its input; restored, the actor finds none and asks to be run again (RETRY) from the context.
 */
function vaultOf(vault: Secret<Vault> | Vault | null): Vault {
  const value = reveal(vault)
  if (!value || typeof value !== 'object') {
    throw new RedirectlessError(
      ErrorCodes.STALE_STATE,
      'This step was interrupted by a restore; run it again',
      { retryable: true },
    )
  }
  return value
}

/** The I/O the machine's actors do, over the two clients given to the machine. */
export function createFlowSteps(options: HybridLoginOptions) {
  const client = (stage: Stage) => (stage === 'pingFederate' ? options.pingFederate : options.pingOne)
  const call = (signal: AbortSignal) => ({
    signal,
    ...(options.timeout !== undefined && { timeout: options.timeout }),
  })

  // The live Flow behind each output's secrets, so the next step goes on with it instead of
  // rebuilding it from JSON (cookie jar, frozen state). `turn` counts the operations begun on a flow:
  // secrets whose flow has been used since they were taken are stale, and are restored from their
  // JSON as before. Secrets that come back from a persisted snapshot are new objects: not in here.
  const live = new WeakMap<object, { readonly flow: AnyFlow; readonly turn: number }>()
  const turns = new WeakMap<AnyFlow, number>()

  const restore = (input: StepInput): AnyFlow => {
    const secrets = vaultOf(input.vault)[input.stage]
    if (!input.state || !secrets) {
      throw new RedirectlessError(ErrorCodes.INVALID_ARGUMENT, `There is no ${input.stage} flow to continue`)
    }
    const current = live.get(secrets)
    if (current && current.turn === (turns.get(current.flow) ?? 0)) {
      turns.set(current.flow, current.turn + 1)
      return current.flow
    }
    return client(input.stage).restoreFlow({
      format: SAVED_FLOW_FORMAT,
      product: secrets.product,
      state:
        secrets.authorizeResponse === undefined
          ? input.state
          : { ...input.state, authorizeResponse: secrets.authorizeResponse },
      session: secrets.session,
      cookies: secrets.cookies,
      ...(secrets.canceled && { canceled: true }),
    }) as unknown as AnyFlow
  }

  const output = (flow: AnyFlow): StepOutput => {
    const saved = flow.toJSON()
    // A COMPLETED state's authorizeResponse holds a code, or tokens (implicit, hybrid): secret.
    const { authorizeResponse, ...state } = saved.state as FlowStateBase & { authorizeResponse?: unknown }
    const secrets: FlowSecrets = {
      product: saved.product,
      session: saved.session,
      cookies: saved.cookies,
      ...(saved.canceled && { canceled: true }),
      ...(authorizeResponse !== undefined && { authorizeResponse }),
    }
    live.set(secrets, { flow, turn: turns.get(flow) ?? 0 })
    return { state, secrets: new Secret(secrets), waiting: flow.waiting, actions: flow.actions }
  }

  const advance = async (stage: Stage, flow: AnyFlow, signal: AbortSignal): Promise<StepOutput> => {
    if (stage === 'pingFederate' && options.autoContinue !== false) {
      for (let i = 0; i < MAX_AUTO_STEPS; i++) {
        const next = AUTO_CONTINUE[flow.state.status]
        if (!next || !flow.actions.includes(next[0])) break
        await flow.submit(next[0], next[1], call(signal))
      }
    }
    return output(flow)
  }

  const keepingOutput = async <T>(flow: AnyFlow, run: () => Promise<T>): Promise<T> => {
    try {
      return await run()
    } catch (error) {
      if (error && typeof error === 'object') {
        Object.defineProperty(error, STEP_OUTPUT, {
          value: output(flow),
          enumerable: false,
          configurable: true,
        })
      }
      throw error
    }
  }

  const pingFederateResult = (
    vault: Vault,
    claims: LoginHintInput['pingFederate']['claims'],
  ): AuthorizationResult => {
    if (!vault.pingFederateTokens) {
      throw new RedirectlessError(ErrorCodes.INVALID_ARGUMENT, 'PingFederate has not completed yet')
    }
    return { tokens: vault.pingFederateTokens, claims }
  }

  return {
    async start(
      input: StepInput & { readonly claims?: LoginHintInput['pingFederate']['claims'] },
      signal: AbortSignal,
    ) {
      if (input.stage === 'pingFederate') {
        const flow = (await options.pingFederate.startFlow(
          options.pingFederateParams ?? { scope: 'openid profile' },
          call(signal),
        )) as unknown as AnyFlow
        return advance('pingFederate', flow, signal)
      }
      const pingFederate = pingFederateResult(vaultOf(input.vault), input.claims)
      const subject = await callback(
        'subject',
        () => options.subject?.(pingFederate) ?? pingFederate.claims?.sub,
      )
      if (typeof subject !== 'string' || subject === '') {
        throw new RedirectlessError(
          ErrorCodes.CALLBACK_FAILED,
          'No PingOne subject: PingFederate returned no id_token sub and no subject mapper was given',
        )
      }
      const hintInput = { subject, pingFederate }
      const loginHintToken = await callback('loginHintToken', () =>
        options.loginHintToken(hintInput, { signal }),
      )
      if (typeof loginHintToken !== 'string' || loginHintToken === '') {
        throw new RedirectlessError(
          ErrorCodes.CALLBACK_FAILED,
          'The loginHintToken callback returned no token',
        )
      }
      const params = await callback('pingOneParams', () =>
        typeof options.pingOneParams === 'function'
          ? options.pingOneParams(hintInput)
          : options.pingOneParams,
      )
      const flow = (await options.pingOne.startFlow(
        { scope: 'openid', ...params, loginHintToken },
        call(signal),
      )) as unknown as AnyFlow
      return advance('pingOne', flow, signal)
    },

    async submit(
      input: StepInput & { readonly action: string; readonly body: unknown },
      signal: AbortSignal,
    ) {
      if (!(input.body instanceof Secret)) {
        // Only happens when a snapshot was persisted while a submission was in flight.
        throw new RedirectlessError(ErrorCodes.STALE_STATE, 'The submission was interrupted; submit again')
      }
      const flow = restore(input)
      const body = input.body.reveal()
      return keepingOutput(flow, async () => {
        try {
          await flow.submit(input.action, body, call(signal))
        } catch (error) {
          // A refused answer may have ended the flow server-side (PingOne's OTP lockout): re-read it.
          if ((error as { code?: string }).code === ErrorCodes.FLOW_ERROR)
            await flow.refresh(call(signal)).catch(() => {})
          throw error
        }
        return advance(input.stage, flow, signal)
      })
    },

    async poll(input: StepInput, signal: AbortSignal) {
      const flow = restore(input)
      return keepingOutput(flow, async () => {
        await flow.poll({ signal, deadline: options.pollDeadline, interval: options.pollInterval })
        return advance(input.stage, flow, signal)
      })
    },

    async complete(input: StepInput, signal: AbortSignal) {
      const flow = restore(input)
      const result = await keepingOutput(flow, () => flow.complete(call(signal)))
      return { claims: result.claims, tokens: new Secret(result.tokens) }
    },

    /** Best effort: tell the server the flow is abandoned; never fails. */
    async cancel(input: StepInput, signal: AbortSignal) {
      try {
        if (input.state && reveal(input.vault)?.[input.stage]) await restore(input).cancel(call(signal))
      } catch {
        // The server may have ended the flow already; there is nothing else to do.
      }
    },

    async skipMfa(input: {
      readonly vault: Secret<Vault> | Vault
      readonly claims: LoginHintInput['pingFederate']['claims']
    }) {
      const skip = options.skipMfa
      if (typeof skip !== 'function') return skip === true
      return callback('skipMfa', () => skip(pingFederateResult(vaultOf(input.vault), input.claims)))
    },
  }
}

export type FlowSteps = ReturnType<typeof createFlowSteps>
