import { toughCookieJar } from '@redirectless/core/cookies'
import {
  createEmulator,
  DEMO_PASSWORD,
  defaultPingFederateConfig,
  type Emulator,
  type EmulatorOptions,
  P1_DEVICE_CLIENT_ID,
  P1_GOOGLE_IDP_ID,
  startEmulator,
} from '@redirectless/emulator'
import type { HybridLoginAnswer, HybridLoginStep } from '@redirectless/orchestrator'
import { createPingOneClient, type PingOneFlow } from '@redirectless/pingone'
import { createLoginHintToken } from '@redirectless/pingone/jwt'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { StepReport } from '../src/answers/answerer.js'
import { autoAnswers } from '../src/answers/auto.js'
import {
  autoPingOneStatuses,
  passwordRules,
  promptedPingOneStatuses,
} from '../src/answers/pingone-statuses.js'
import { promptedAnswers } from '../src/answers/prompted.js'
import type { Choice, Prompter } from '../src/prompts/prompter.js'
import { expectNoSecrets, input, otpLike, run, waitFor } from './support.js'

const STRONG = 'Fresh-Start-42'

describe.concurrent('redirectless demo: PingOne statuses beyond MFA (non-interactive)', () => {
  it.each([
    [
      'pat',
      'MUST_CHANGE_PASSWORD',
      /MUST_CHANGE_PASSWORD +→ password\.reset +a new random password \(not shown\)/,
    ],
    ['eve', 'PASSWORD_EXPIRED', /PASSWORD_EXPIRED +→ password\.reset +a new random password \(not shown\)/],
    [
      'vic',
      'VERIFICATION_CODE_REQUIRED',
      /VERIFICATION_CODE_REQUIRED +→ user\.verify +code received by e-mail to vi•••@example\.com/,
    ],
  ])('--user %s: PingOne asks the password, then %s, and the login finishes', async (user, _status, line) => {
    const { code, stdout, stderr } = await run(['demo', '--user', user]).done
    expect(stderr).toBe('')
    expect(code).toBe(0)
    expect(stdout).toMatch(
      /PingOne +PASSWORD_REQUIRED +→ usernamePassword\.check +\w+ with the demo password \(not shown\)/,
    )
    expect(stdout).toMatch(line)
    expect(stdout).toMatch(new RegExp(`${user} signed in at PingFederate and stepped up at PingOne`))
    expectNoSecrets(stdout)
    expect(otpLike(stdout)).toEqual([])
  })

  it('--p1-acr-values Step_Up: the agreement and the profile, then the code', async () => {
    const { code, stdout } = await run(['demo', '--p1-acr-values', 'Step_Up']).done
    expect(code).toBe(0)
    expect(stdout).toMatch(/AGREEMENT_CONSENT_REQUIRED +→ user\.consent +accepted Terms of Service/)
    expect(stdout).toMatch(/PROFILE_DATA_REQUIRED +→ user\.update +profile: mobilePhone/)
    expect(stdout).toMatch(/acr +Step_Up/)
  })

  it('--p1-acr-values External_IdP: the emulated browser signs on at the provider while the CLI polls', async () => {
    const { code, stdout } = await run(['demo', '--p1-acr-values', 'External_IdP', '--json']).done
    expect(code).toBe(0)
    const report = JSON.parse(stdout)
    expect(report.steps).toContainEqual(
      expect.objectContaining({ status: 'EXTERNAL_AUTHENTICATION_REQUIRED', action: 'poll' }),
    )
    expect(report.claims.pingOne.acr).toBe('External_IdP')
  })

  it('--user ann --p1-acr-values External_IdP: an unlinked account at the provider is linked by the password', async () => {
    const { code, stdout } = await run(['demo', '--user', 'ann', '--p1-acr-values', 'External_IdP', '--json'])
      .done
    expect(code).toBe(0)
    const report = JSON.parse(stdout)
    expect(report.steps).toContainEqual(
      expect.objectContaining({ status: 'ACCOUNT_LINKING_REQUIRED', action: 'usernamePassword.check' }),
    )
    expect(report.claims.pingOne.preferred_username).toBe('ann')
    expectNoSecrets(stdout)
  })

  it('refuses a policy the emulator does not have (exit 2)', async () => {
    const { code, stderr } = await run(['demo', '--p1-acr-values', 'Nope']).done
    expect(code).toBe(2)
    expect(stderr).toMatch(/--p1-acr-values must name a PingOne sign-on policy/)
  })
})

describe('redirectless demo: PingOne statuses at a terminal (clack)', () => {
  it('Step_Up: the agreement in a box, a confirm, the profile fields, then the SMS code', async () => {
    const stdin = input(true)
    const cli = run(['demo', '--p1-acr-values', 'Step_Up'], { stdin, tty: true })
    const screen = () => cli.stdout.text()
    let seen = 0
    const answer = async (pattern: RegExp, keys: string) => {
      const match = await waitFor(() => screen().slice(seen), pattern)
      seen += (match.index ?? 0) + match[0].length
      stdin.write(keys)
      return match
    }
    await answer(/◆ +Username/, '\r')
    await answer(/◆ +Password/, '\r')
    await answer(
      /Terms of Service[\s\S]*By continuing you accept[\s\S]*◆ +Accept\? \(declining ends the sign-on\)/,
      '\r',
    )
    await answer(/◆ +Mobile phone/, '+15555550101\r')
    await answer(/◆ +Nickname \(optional\)/, '\r')
    const sms = await waitFor(screen, /Your one-time passcode is (\d{6})\./)
    await answer(/◆ +Code/, `${sms[1]}\r`)
    const { code, stdout } = await cli.done
    expect(code).toBe(0)
    expect(stdout).toMatch(/joe signed in at PingFederate and stepped up at PingOne/)
    expectNoSecrets(stdout)
  })
})

describe.concurrent('redirectless demo: leaving a waiting push and starting over (clack)', () => {
  it('ann cancels the push with "c" (cancel.push.authentication), chooses the app and finishes', async () => {
    const stdin = input(true)
    const cli = run(['demo', '--user', 'ann'], { stdin, tty: true })
    const screen = () => cli.stdout.text()
    let seen = 0
    const answer = async (pattern: RegExp, keys: string) => {
      const match = await waitFor(() => screen().slice(seen), pattern)
      seen += (match.index ?? 0) + match[0].length
      stdin.write(keys)
      return match
    }
    await answer(/◆ +Username/, '\r')
    await answer(/◆ +Password/, '\r')
    await answer(/Which device\?[\s\S]*Push to the mobile app/, '\x1b[B')
    await answer(/● Push to the mobile app/, '\r')
    await answer(/\[a\] approve +\[d\] deny +\[c\] use another device/, 'c')
    // PingOne cancelled the push and asks for a device again: the app's code this time.
    await answer(
      /Push cancelled; PingOne asks for another device[\s\S]*Which device\?[\s\S]*● Authenticator app/,
      '\r',
    )
    const totp = await waitFor(() => screen().slice(seen), /Code: (\d{6})/)
    await answer(/◆ +Code/, `${totp[1]}\r`)
    const { code, stdout } = await cli.done
    expect(code).toBe(0)
    // The timings list the cancel as PingOne's request of that step.
    expect(stdout).toMatch(/PingOne +PUSH_CONFIRMATION_REQUIRED +cancel\.push\.authentication +1 /)
    expect(stdout).not.toMatch(/Push approved/)
    expect(stdout).toMatch(/ann signed in at PingFederate and stepped up at PingOne/)
  })
})

/** PingFederate accounts for the PingOne-only demo users, as the demo adds them. */
const withPfUsers = (pingOne: EmulatorOptions['pingOne'] = {}): EmulatorOptions => ({
  pingFederate: {
    users: [
      ...defaultPingFederateConfig.users,
      ...['pat', 'eve', 'vic'].map((username) => ({ username, password: DEMO_PASSWORD })),
    ],
  },
  pingOne,
})

describe('redirectless login: PingOne statuses asked on a pipe (startEmulator over HTTP)', () => {
  let emu: Emulator
  beforeAll(async () => {
    emu = await startEmulator(withPfUsers({ passwordLockout: { failureCount: 2, lockoutSeconds: 600 } }))
  })
  afterAll(() => emu.close())

  const env = (acrValues: string) => ({
    REDIRECTLESS_PF_BASE_URL: emu.pingFederate.baseUrl,
    REDIRECTLESS_PF_CLIENT_ID: emu.pingFederate.clientId,
    REDIRECTLESS_P1_AUTH_BASE_URL: emu.pingOne.authBaseUrl,
    REDIRECTLESS_P1_ENVIRONMENT_ID: emu.pingOne.environmentId,
    REDIRECTLESS_P1_CLIENT_ID: emu.pingOne.clientId,
    REDIRECTLESS_P1_CLIENT_SECRET: emu.pingOne.clientSecret,
    REDIRECTLESS_P1_ACR_VALUES: acrValues,
    REDIRECTLESS_LOGIN_HINT_ISSUER: emu.pingOne.loginHintIssuer.clientId,
    REDIRECTLESS_LOGIN_HINT_SECRET: emu.pingOne.loginHintIssuer.secret,
    REDIRECTLESS_PASSWORD: DEMO_PASSWORD,
  })

  it('Step_Up: shows the agreement, asks consent and the profile attributes, then the code', async () => {
    const stdin = input()
    const cli = run(['login', '--username', 'joe'], { env: env('Step_Up'), stdin })
    const err = () => cli.stderr.text()
    await waitFor(
      err,
      /Terms of Service: By continuing you accept[\s\S]*Accept\? \(declining ends the sign-on\) \[Y\/n\]/,
    )
    stdin.write('y\n')
    await waitFor(err, /Help us keep your account secure\.\n[\s\S]*Mobile phone:/)
    stdin.write('+15555550101\n')
    await waitFor(err, /Nickname \(optional\):/)
    stdin.write('\n')
    await waitFor(err, /Code \(leave empty to choose another device\):/)
    stdin.write(`${emu.outbox.last('joe')?.otp}\n`)
    const { code, stdout } = await cli.done
    expect(code).toBe(0)
    expect(stdout).toMatch(/PingOne +AGREEMENT_CONSENT_REQUIRED +user\.consent/)
    expect(stdout).toMatch(/PingOne +PROFILE_DATA_REQUIRED +user\.update/)
  })

  it('Multi_Factor for pat: the password again, a refused new password with its rules, then a good one', async () => {
    const stdin = input()
    const cli = run(['login', '--username', 'pat'], { env: env('Multi_Factor'), stdin })
    const err = () => cli.stderr.text()
    await waitFor(err, /PingOne password for pat:/)
    stdin.write('\n') // the one typed at PingFederate
    await waitFor(
      err,
      /PingOne requires a new password\.\n[\s\S]*The new password needs 8 to 255 characters;[\s\S]*New password:/,
    )
    stdin.write('short\n')
    await waitFor(
      err,
      /That password was refused: it needs 8 to 255 characters; at least 1 uppercase letter[\s\S]*New password:/,
    )
    stdin.write(`${STRONG}\n`)
    await waitFor(err, /PingOne sent a code by SMS to •••07\nCode:/)
    stdin.write(`${emu.outbox.last('pat')?.otp}\n`)
    const { code, stdout, stderr } = await cli.done
    expect(code).toBe(0)
    expect(stdout).toMatch(/PingOne +MUST_CHANGE_PASSWORD +password\.reset/)
    expectNoSecrets(stdout + stderr, [STRONG])
  })

  it('External_IdP: prints the provider’s page and waits until the browser is back', async () => {
    const cli = run(['login', '--username', 'joe'], { env: env('External_IdP') })
    const page = await waitFor(() => cli.stderr.text(), /Sign on at Corporate IdP in a browser: (\S+)/)
    const flowId = new URL(page[1] ?? '').searchParams.get('flowId') ?? ''
    expect(emu.pingOneBrowser.externalSignIn(flowId, { subject: 'joe@corp.example' })).toBe(true)
    const { code, stdout } = await cli.done
    expect(code).toBe(0)
    expect(stdout).toMatch(/signed in at PingFederate and PingOne/)
  })

  it('session.reset where PingOne links it: "start over" at the password, then the login finishes', async () => {
    const linked = await startEmulator(withPfUsers({ linkSessionResetEverywhere: true }))
    try {
      const stdin = input()
      const cli = run(['login', '--username', 'joe'], {
        env: {
          ...env('Multi_Factor'),
          REDIRECTLESS_PF_BASE_URL: linked.pingFederate.baseUrl,
          REDIRECTLESS_P1_AUTH_BASE_URL: linked.pingOne.authBaseUrl,
        },
        stdin,
      })
      const err = () => cli.stderr.text()
      const menu =
        'PingOne asks for PASSWORD_REQUIRED\n  1) Continue\n  2) Start the sign-on over\nChoose 1-2:'
      await waitFor(err, /PingOne asks for PASSWORD_REQUIRED\n[\s\S]*?Choose 1-2:/)
      stdin.write('2\n')
      // PingOne starts over at the password (the login_hint_token names joe): asked again.
      await waitFor(() => (err().split(menu).length === 3 ? 'again' : ''), /again/)
      stdin.write('1\n')
      await waitFor(err, /PingOne password for joe:/)
      stdin.write('\n')
      await waitFor(err, /Code \(leave empty to choose another device\):/)
      stdin.write(`${linked.outbox.last('joe')?.otp}\n`)
      const { code, stdout } = await cli.done
      expect(code).toBe(0)
      expect(stdout).toMatch(/PingOne +PASSWORD_REQUIRED +→ session\.reset +started the sign-on over/)
      expect(stdout).toMatch(/signed in at PingFederate and (stepped up at )?PingOne/)
    } finally {
      await linked.close()
    }
  })

  it('a locked password ends the login with PASSWORD_LOCKED_OUT and when to try again', async () => {
    const stdin = input()
    const cli = run(['login', '--username', 'lock'], { env: env('Multi_Factor'), stdin })
    const err = () => cli.stderr.text()
    await waitFor(err, /PingOne password for lock:/)
    stdin.write('wrong-1\n')
    await waitFor(err, /PingOne password for lock:[\s\S]*PingOne password for lock:/)
    stdin.write('wrong-2\n')
    const { code, stderr } = await cli.done
    expect(code).toBe(1)
    expect(stderr).toMatch(
      /✖ PASSWORD_LOCKED_OUT: PingOne locked the password after too many failed sign-ons; try again in 10 minutes/,
    )
  })
})

/** A prompter that answers from a script and records what it was asked. */
function scripted(answers: readonly (string | boolean)[]) {
  const asked: string[] = []
  const said: string[] = []
  const next = (question: string) => {
    asked.push(question)
    const answer = answers[asked.length - 1]
    if (answer === undefined) throw new Error(`no scripted answer for ${question}`)
    return answer
  }
  const prompter: Prompter = {
    tty: false,
    text: async (message) => String(next(message)),
    secret: async (message) => String(next(message)),
    select: async <T>(message: string, choices: readonly Choice<T>[]) => {
      const label = String(next(`${message}: ${choices.map((c) => c.label).join(' | ')}`))
      const choice = choices.find((c) => c.label === label)
      if (!choice) throw new Error(`no choice ${label}`)
      return choice.value
    },
    confirm: async (message) => next(message) === true,
    note: (body, title) => said.push(`${title}: ${body}`),
    info: (m) => said.push(m),
    success: (m) => said.push(m),
    warn: (m) => said.push(m),
    error: (m) => said.push(m),
    wait: (m) => {
      said.push(m)
      return { message: () => {}, stop: () => {} }
    },
    close: () => {},
  }
  return { prompter, asked, said }
}

/** The machine's view of a flow's current state, as the CLI's answerers receive it. */
function stepOf(flow: PingOneFlow): HybridLoginStep {
  return {
    stage: 'pingOne',
    status: flow.state.status,
    state: flow.state,
    actions: flow.actions,
    waiting: flow.waiting,
    error: undefined,
    canRetry: false,
    retry: undefined,
    pingFederateClaims: undefined,
    pingOneClaims: undefined,
    mfaSkipped: false,
    phase: 'input',
  } as unknown as HybridLoginStep
}

/**
 * The statuses a hybrid login cannot reach (its PingOne stage always knows the user from the
 * login_hint_token): driven here by the client, answered by the CLI's answerers, the answers
 * submitted as they come.
 */
describe('the CLI answers the statuses without a known user (client-driven, in-process)', () => {
  const emu = createEmulator()
  const client = (clientId = emu.pingOne.clientId) =>
    createPingOneClient({
      authBaseUrl: emu.pingOne.authBaseUrl,
      environmentId: emu.pingOne.environmentId,
      clientId,
      ...(clientId === emu.pingOne.clientId && { clientSecret: emu.pingOne.clientSecret }),
      fetch: emu.fetch,
      cookies: toughCookieJar,
      now: () => emu.clock.now(),
    })
  const reports: StepReport[] = []
  const submit = async (flow: PingOneFlow, answer: HybridLoginAnswer | undefined) => {
    if (!answer || !('action' in answer)) throw new Error('no answer')
    await flow.submit(answer.action as 'session.reset', answer.body as undefined)
    return flow.state.status
  }

  it('prompted: identifier first, registration, verification, recovery, invitation, Kerberos', async () => {
    const credentials = () => ({ username: 'joe', password: DEMO_PASSWORD })
    const lookup = await client().startFlow({ scope: 'openid', acrValues: 'Identifier_First' })
    let s = scripted(['Sign on', 'joe'])
    let answers = promptedPingOneStatuses({
      prompter: s.prompter,
      report: (r) => reports.push(r),
      credentials,
    })
    expect(await submit(lookup, await answers.answer(stepOf(lookup)))).toBe('PASSWORD_REQUIRED')
    expect(s.asked).toEqual(['PingOne sign-on: Sign on | Forgot password', 'Username'])
    s = scripted([''])
    answers = promptedPingOneStatuses({ prompter: s.prompter, report: (r) => reports.push(r), credentials })
    expect(await submit(lookup, await answers.answer(stepOf(lookup)))).toBe('OTP_REQUIRED')

    const register = await client().startFlow({ scope: 'openid', acrValues: 'Self_Service' })
    s = scripted(['Register a new account', 'cli-user', 'cli-user@example.com', STRONG])
    answers = promptedPingOneStatuses({
      prompter: s.prompter,
      report: (r) => reports.push(r),
      credentials,
      emulator: emu,
    })
    expect(await submit(register, await answers.answer(stepOf(register)))).toBe('VERIFICATION_CODE_REQUIRED')
    expect(s.said.join('\n')).toMatch(/A password needs 8 to 255 characters/)
    // An empty code asks for another e-mail (user.sendVerificationCode).
    const firstCode = emu.outbox.last('cli-user')?.otp
    s = scripted([''])
    answers = promptedPingOneStatuses({
      prompter: s.prompter,
      report: (r) => reports.push(r),
      credentials,
      emulator: emu,
    })
    expect(await submit(register, await answers.answer(stepOf(register)))).toBe('VERIFICATION_CODE_REQUIRED')
    expect(emu.outbox.last('cli-user')?.otp).not.toBe(firstCode)
    s = scripted([emu.outbox.last('cli-user')?.otp ?? ''])
    answers = promptedPingOneStatuses({
      prompter: s.prompter,
      report: (r) => reports.push(r),
      credentials,
      emulator: emu,
    })
    expect(await submit(register, await answers.answer(stepOf(register)))).toBe('COMPLETED')
    expect(s.said[0]).toMatch(/^E-mail to cli-user@example\.com: Your account verification code is/)

    const forgot = await client().startFlow({ scope: 'openid', acrValues: 'Self_Service' })
    s = scripted(['Forgot password', 'carl'])
    answers = promptedPingOneStatuses({
      prompter: s.prompter,
      report: (r) => reports.push(r),
      credentials,
      emulator: emu,
    })
    expect(await submit(forgot, await answers.answer(stepOf(forgot)))).toBe('RECOVERY_CODE_REQUIRED')
    // An empty code asks for another one (password.sendRecoveryCode); the new one replaces it.
    const first = emu.outbox.last('carl')?.otp
    s = scripted([''])
    answers = promptedPingOneStatuses({
      prompter: s.prompter,
      report: (r) => reports.push(r),
      credentials,
      emulator: emu,
    })
    expect(await answers.answer(stepOf(forgot))).toEqual({ action: 'password.sendRecoveryCode' })
    await forgot.submit('password.sendRecoveryCode')
    expect(forgot.state.status).toBe('RECOVERY_CODE_REQUIRED')
    expect(emu.outbox.last('carl')?.otp).not.toBe(first)
    s = scripted([emu.outbox.last('carl')?.otp ?? '', STRONG])
    answers = promptedPingOneStatuses({
      prompter: s.prompter,
      report: (r) => reports.push(r),
      credentials,
      emulator: emu,
    })
    expect(await submit(forgot, await answers.answer(stepOf(forgot)))).toBe('COMPLETED')

    const invite = await client().startFlow({ scope: 'openid', acrValues: 'Self_Service' })
    s = scripted(['Accept an invitation', 'INVITE-7Q2M9X', true, STRONG])
    answers = promptedPingOneStatuses({ prompter: s.prompter, report: (r) => reports.push(r), credentials })
    expect(await submit(invite, await answers.answer(stepOf(invite)))).toBe('COMPLETED')

    const kerberos = await client().startFlow({ scope: 'openid', acrValues: 'Passwordless' })
    s = scripted(["Sign on with this computer's Kerberos ticket (emulated)"])
    answers = promptedPingOneStatuses({
      prompter: s.prompter,
      report: (r) => reports.push(r),
      credentials,
      emulator: emu,
    })
    expect(await submit(kerberos, await answers.answer(stepOf(kerberos)))).toBe('OTP_REQUIRED')
  })

  it('prompted and auto: account confirmation after an unknown social account, and the device grant', async () => {
    const credentials = () => ({ username: 'joe', password: DEMO_PASSWORD })
    const social = await client().startFlow({ scope: 'openid', acrValues: 'Self_Service' })
    emu.pingOneBrowser.externalSignIn(social.state.id, {
      providerId: P1_GOOGLE_IDP_ID,
      subject: 'google-oauth2|cli',
      email: 'cli@example.com',
    })
    await social.refresh()
    const s = scripted(['cli-social'])
    const answers = promptedPingOneStatuses({
      prompter: s.prompter,
      report: (r) => reports.push(r),
      credentials,
    })
    expect(await submit(social, await answers.answer(stepOf(social)))).toBe('COMPLETED')
    expect(s.said).toContain('Google says: username: cli@example.com\ne-mail: cli@example.com')

    const device = await (
      await emu.fetch(emu.pingOne.deviceAuthorizationEndpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ client_id: P1_DEVICE_CLIENT_ID }),
      })
    ).json()
    const dag = await client(P1_DEVICE_CLIENT_ID).startDeviceVerification({ devicePathId: 'tv' })
    const d = scripted([device.user_code, true])
    const dagAnswers = promptedPingOneStatuses({
      prompter: d.prompter,
      report: (r) => reports.push(r),
      credentials,
    })
    expect(await submit(dag, await dagAnswers.answer(stepOf(dag)))).toBe('USERNAME_PASSWORD_REQUIRED')
    const auto = autoPingOneStatuses({
      emulator: emu,
      username: 'joe',
      password: DEMO_PASSWORD,
      report: (r) => reports.push(r),
    })
    expect(await submit(dag, auto.answer(stepOf(dag)))).toBe('DAG_CONSENT_REQUIRED')
    expect(await submit(dag, await dagAnswers.answer(stepOf(dag)))).toBe('COMPLETED')
    expect(d.asked.at(-1)).toMatch(/^Allow the device showing [B-Z]{4}-[B-Z]{4}/)
    auto.close()
  })

  it('prompted: "Start the sign-on over" at the sign-on form submits session.reset', async () => {
    const credentials = () => ({ username: 'ann', password: DEMO_PASSWORD })
    const flow = await client().startFlow({ scope: 'openid', acrValues: 'Single_Factor' })
    expect(flow.actions).toContain('session.reset')
    let s = scripted(['Start the sign-on over'])
    const said: StepReport[] = []
    let answers = promptedPingOneStatuses({ prompter: s.prompter, report: (r) => said.push(r), credentials })
    expect(await answers.answer(stepOf(flow))).toEqual({ action: 'session.reset' })
    expect(s.asked[0]).toMatch(/^PingOne sign-on: Sign on \| Start the sign-on over/)
    expect(said).toContainEqual(expect.objectContaining({ action: 'session.reset' }))
    const before = flow.state
    expect(await submit(flow, { action: 'session.reset' })).toBe('USERNAME_PASSWORD_REQUIRED')
    expect(flow.state).not.toBe(before)
    s = scripted(['Sign on', 'ann', ''])
    answers = promptedPingOneStatuses({ prompter: s.prompter, report: (r) => said.push(r), credentials })
    expect(await submit(flow, await answers.answer(stepOf(flow)))).toBe('COMPLETED')
  })

  it('auto: sign-on form, identifier first and recovery, answered from the emulator', async () => {
    const auto = autoPingOneStatuses({
      emulator: emu,
      username: 'ann',
      password: DEMO_PASSWORD,
      report: (r) => reports.push(r),
    })
    const lookup = await client().startFlow({ scope: 'openid', acrValues: 'Identifier_First' })
    expect(await submit(lookup, auto.answer(stepOf(lookup)))).toBe('PASSWORD_REQUIRED')
    expect(await submit(lookup, auto.answer(stepOf(lookup)))).toBe('DEVICE_SELECTION_REQUIRED')
    expect(auto.answer(stepOf(lookup))).toBeUndefined() // MFA is the shared answerer's
    const form = await client().startFlow({ scope: 'openid', acrValues: 'Single_Factor' })
    expect(await submit(form, auto.answer(stepOf(form)))).toBe('COMPLETED')
    auto.close()
  })

  it('prompted and auto: a push that timed out, then another device', async () => {
    const timedOut = async () => {
      const loginHintToken = await createLoginHintToken({
        issuer: emu.pingOne.loginHintIssuer.clientId,
        secret: emu.pingOne.loginHintIssuer.secret,
        subject: 'ann',
        authBaseUrl: emu.pingOne.authBaseUrl,
        environmentId: emu.pingOne.environmentId,
      })
      const flow = await client().startFlow({ scope: 'openid', acrValues: 'MFA-Only', loginHintToken })
      const state = flow.state
      if (state.status !== 'DEVICE_SELECTION_REQUIRED') throw new Error(`got ${state.status}`)
      const phone = state._embedded.devices.find((d) => d.type === 'MOBILE')
      await flow.submit('device.select', { device: { id: phone?.id ?? '' } })
      expect(emu.push.timeout('ann')).toBe(true)
      await flow.refresh()
      expect(flow.state.status).toBe('PUSH_CONFIRMATION_TIMED_OUT')
      return flow
    }

    const asked = await timedOut()
    const s = scripted(['Authenticator app (TOTP)'])
    const prompted = promptedAnswers({
      prompter: s.prompter,
      username: 'ann',
      askUsername: false,
      report: (r) => reports.push(r),
    })
    expect(await submit(asked, await prompted.answer(stepOf(asked), AbortSignal.timeout(10_000)))).toBe(
      'OTP_REQUIRED',
    )
    expect(s.asked).toEqual([
      'PingOne asks for a second factor. Which device?: Authenticator app (TOTP) | Push to the mobile app',
    ])
    expect(s.said).toContain('The push timed out.')

    const auto = await timedOut()
    const answers = autoAnswers({
      emulator: emu,
      username: 'ann',
      password: DEMO_PASSWORD,
      report: (r) => reports.push(r),
    })
    expect(await submit(auto, await answers.answer(stepOf(auto), AbortSignal.timeout(10_000)))).toBe(
      'OTP_REQUIRED',
    )
    answers.close()
    prompted.close()
  })

  it('describes every password rule the policy has', () => {
    const rules = passwordRules(emu.config.pingOne.passwordPolicy)
    expect(Object.keys(rules).sort()).toEqual([
      'excludesCommonlyUsed',
      'excludesProfileData',
      'history',
      'length',
      'maxRepeatedCharacters',
      'minCharacters',
      'minUniqueCharacters',
      'notSimilarToCurrent',
    ])
    expect(rules.minCharacters).toBe(
      'at least 1 uppercase letter, 1 lowercase letter, 1 digit, 1 of ~!@#$%^&*()-_=+[]{}|;:,.<>/?',
    )
  })
})
