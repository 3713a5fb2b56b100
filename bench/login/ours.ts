import {
  createHybridLoginMachine,
  type HybridLoginAnswer,
  type HybridLoginMachine,
  type HybridLoginStep,
  loginHintTokenFromSecret,
  runHybridLogin,
} from '@redirectless/orchestrator'
import { createPingFederateClient } from '@redirectless/pingfederate'
import { createLoginHintToken, createPingOneClient } from '@redirectless/pingone'
import type { Target } from '../emulator/target.js'
import type { BenchUser } from '../emulator/users.js'
import { totp } from '../lib/totp.js'
import { type Login, totpDeviceId } from './login.js'

/**
 * Both clients, made once per target as an application would. Node resolves the packages to their
 * Node entries, so every flow gets its own tough-cookie jar.
 */
export function ourClients(target: Target, fetch?: typeof globalThis.fetch) {
  const pingFederate = createPingFederateClient({
    baseUrl: target.pingFederate.baseUrl,
    clientId: target.pingFederate.clientId,
    ...(fetch && { fetch }),
  })
  const pingOne = createPingOneClient({
    authBaseUrl: target.pingOne.authBaseUrl,
    environmentId: target.pingOne.environmentId,
    clientId: target.pingOne.clientId,
    clientSecret: target.pingOne.clientSecret,
    ...(fetch && { fetch }),
  })
  return { pingFederate, pingOne }
}

/** The answers a user gives at each step of the hybrid login: password, the TOTP device, its code. */
export function answerFor(user: BenchUser) {
  return (step: HybridLoginStep): HybridLoginAnswer => {
    switch (step.status) {
      case 'USERNAME_PASSWORD_REQUIRED':
        return { action: 'checkUsernamePassword', body: { username: user.username, password: user.password } }
      case 'DEVICE_SELECTION_REQUIRED':
        return { action: 'device.select', body: { device: { id: totpDeviceId(step.state) } } }
      case 'OTP_REQUIRED':
        return { action: 'otp.check', body: { otp: totp(user.totpSecret) } }
      default:
        throw new Error(
          `unexpected step ${step.stage} ${step.status}${step.error ? ` (${step.error.code})` : ''}`,
        )
    }
  }
}

/** The hybrid machine over both clients, minting the login_hint_token from the issuer app's secret (a BFF). */
export function ourMachine(target: Target, fetch?: typeof globalThis.fetch): HybridLoginMachine {
  return createHybridLoginMachine({
    ...ourClients(target, fetch),
    loginHintToken: loginHintTokenFromSecret({
      issuer: target.pingOne.loginHintIssuer.clientId,
      secret: target.pingOne.loginHintIssuer.secret,
      audience: target.pingOne.issuer,
    }),
    pingOneParams: { acrValues: target.pingOne.mfaOnlyAcrValues },
  })
}

/** The full stack: `runHybridLogin` over the xstate machine and both clients. */
export function createOurLogin(target: Target, fetch?: typeof globalThis.fetch): Login {
  const machine = ourMachine(target, fetch)
  return async (user) => {
    const result = await runHybridLogin({ machine, onStep: answerFor(user) })
    return {
      pingFederateSub: result.pingFederate.claims?.sub ?? '',
      pingOneSub: result.pingOne?.claims?.sub ?? '',
    }
  }
}

/**
 * The same login through the two clients alone, without the orchestrator, to tell the clients'
 * cost from the machine's.
 */
export function createClientsLogin(target: Target, fetch?: typeof globalThis.fetch): Login {
  const { pingFederate, pingOne } = ourClients(target, fetch)
  return async (user) => {
    const pf = await pingFederate.startFlow({ scope: 'openid profile' })
    if (pf.state.status !== 'USERNAME_PASSWORD_REQUIRED')
      throw new Error(`PingFederate is at ${pf.state.status}`)
    await pf.submit('checkUsernamePassword', { username: user.username, password: user.password })
    const first = await pf.complete()
    const loginHintToken = await createLoginHintToken({
      issuer: target.pingOne.loginHintIssuer.clientId,
      secret: target.pingOne.loginHintIssuer.secret,
      audience: target.pingOne.issuer,
      subject: first.claims?.sub ?? '',
    })
    const mfa = await pingOne.startFlow({
      scope: 'openid',
      acrValues: target.pingOne.mfaOnlyAcrValues,
      loginHintToken,
    })
    if (mfa.state.status !== 'DEVICE_SELECTION_REQUIRED') throw new Error(`PingOne is at ${mfa.state.status}`)
    await mfa.submit('device.select', { device: { id: totpDeviceId(mfa.state) } })
    // Read afresh: TypeScript still narrows `mfa.state` to the status before the submit.
    const status: string = mfa.state.status
    if (status !== 'OTP_REQUIRED') throw new Error(`PingOne is at ${status}`)
    await mfa.submit('otp.check', { otp: totp(user.totpSecret) })
    const second = await mfa.complete()
    return { pingFederateSub: first.claims?.sub ?? '', pingOneSub: second.claims?.sub ?? '' }
  }
}
