import type {
  IdentifierFirstAction,
  LoginAction,
  SignOnAction,
  SignOnPolicyConfig,
  SignOnStep,
} from './config.js'
import type { Flow } from './flow.js'

/** The policy's actions, the `'LOGIN'` / `'MFA'` shorthands expanded. */
export function policyActions(policy: SignOnPolicyConfig): readonly SignOnAction[] {
  return policy.steps.map((step: SignOnStep) => (typeof step === 'string' ? { type: step } : step))
}

/** Whether the policy has an action of this type. */
export function hasAction(policy: SignOnPolicyConfig, type: SignOnAction['type']): boolean {
  return policyActions(policy).some((a) => a.type === type)
}

/** Whether a policy can learn who the user is by itself (without a `login_hint_token`). */
export function identifiesUsers(policy: SignOnPolicyConfig): boolean {
  return policyActions(policy).some(
    (a) => a.type === 'LOGIN' || a.type === 'IDENTIFIER_FIRST' || a.type === 'IDENTITY_PROVIDER',
  )
}

/**
 * The sign-on form the flow shows now (the identifier-first form in `SIGN_ON_REQUIRED`, the password
 * form otherwise), for its recovery, registration and social options.
 */
export function formAction(flow: Flow): LoginAction | IdentifierFirstAction | undefined {
  const actions = policyActions(flow.policy)
  const wanted = flow.status === 'SIGN_ON_REQUIRED' ? 'IDENTIFIER_FIRST' : 'LOGIN'
  const found = actions.find((a) => a.type === wanted) ?? actions.find((a) => a.type === 'IDENTIFIER_FIRST')
  return found as LoginAction | IdentifierFirstAction | undefined
}
