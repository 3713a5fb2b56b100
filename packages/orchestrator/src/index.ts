/**
 * The hybrid two-stage login: PingFederate first factor → login_hint_token → PingOne MFA, as an
 * xstate v5 machine ({@link createHybridLoginMachine}) and a promise API ({@link runHybridLogin}).
 * @module
 */
export { type Advanced, type AdvanceOptions, advanceHybridLogin, hasEnded } from './advance.js'
export { fromHybridError, toHybridError } from './errors.js'
export { type LoginHintSecretOptions, loginHintTokenFromSecret } from './login-hint.js'
export { createHybridLoginMachine, type HybridLoginMachine } from './machine.js'
export {
  HYBRID_LOGIN_PURPOSE,
  type SealSnapshotOptions,
  sealSnapshot,
  unsealSnapshot,
} from './persistence.js'
export { checkPersistedLogin, restoreHybridLogin } from './restore.js'
export {
  type HybridLoginAnswer,
  type HybridLoginStep,
  type RunHybridLoginOptions,
  runHybridLogin,
} from './run.js'
export {
  MAX_SEALED_LENGTH,
  MAX_SEALED_LIFETIME,
  MAX_UNSEALED_BYTES,
  type SealingKey,
  type SealingKeyEntry,
  type SealingKeyring,
  type SealingKeys,
  type SealOptions,
  seal,
  type UnsealOptions,
  unseal,
} from './sealing.js'
export { Secret } from './secret.js'
export { type HybridLoginPhase, hybridLoginPhase, hybridLoginResult } from './snapshot.js'
export type {
  HybridFlowStage,
  HybridFlowStages,
  HybridLoginAction,
  HybridLoginBody,
  HybridLoginStateOf,
  HybridLoginSubmission,
} from './stages.js'
export {
  checkPut,
  createMemoryFlowStore,
  type FlowStore,
  type PutOptions,
  type StoredValue,
  storeConflict,
} from './store/flow-store.js'
export {
  createLoginStore,
  type LoginStep,
  type LoginStore,
  type LoginStoreOptions,
  type LoginView,
} from './store/login-store.js'
export {
  type HybridLoginSubmitEvent,
  type SubmitEventOf,
  submitEvent,
  type UntypedSubmitEvent,
  untypedSubmitEvent,
} from './submit-event.js'
export type {
  FlowSecrets,
  HybridEndedStage,
  HybridLoginContext,
  HybridLoginError,
  HybridLoginEvent,
  HybridLoginOptions,
  HybridLoginOutput,
  HybridLoginResult,
  HybridLoginShared,
  HybridStage,
  LoginHintInput,
  PingFederateParams,
  PingOneParams,
  RetryOperation,
  Vault,
} from './types.js'
