import type { EmulatorOptions } from '@redirectless/emulator'
import { describe, expect, it } from 'vitest'
import { isRedirectlessError, type PingOneFlow, type RedirectlessError } from '../src/index.js'
import { getAssertion } from '../src/webauthn/index.js'
import { FIDO_ORIGIN, rejection, useEmulator } from './support/emulator.js'

// The contract leaves these behaviours UNCONFIRMED; the emulator can play each variant, and the
// client must handle all of them. In-process only: the HTTP path is covered by the other suites.

/** Starts an MFA-only flow for `username` on a harness. */
async function mfa(h: ReturnType<typeof useEmulator>, username: string, fetch?: typeof globalThis.fetch) {
  return h.client(fetch ? { fetch } : {}).startFlow({
    scope: 'openid',
    acrValues: 'MFA-Only',
    loginHintToken: await h.loginHintToken(username),
  })
}

async function selectPush(flow: PingOneFlow) {
  if (flow.state.status !== 'DEVICE_SELECTION_REQUIRED') throw new Error(flow.state.status)
  const mobile = flow.state._embedded.devices.find((d) => d.type === 'MOBILE')
  return flow.submit('device.select', { device: { id: mobile?.id ?? '' } })
}

function variant(name: string, options: EmulatorOptions, body: (h: ReturnType<typeof useEmulator>) => void) {
  describe(name, () => body(useEmulator('in-process', options)))
}

variant(
  'authorizeResponse on the completing action',
  { pingOne: { authorizeResponseOnCompletedAction: true } },
  (h) => {
    it('complete() uses it and never calls resume', async () => {
      const urls: string[] = []
      const flow = await mfa(h, 'joe', async (input, init) => {
        urls.push(new Request(input, init).url)
        return h.emu.fetch(input, init)
      })
      const completed = await flow.submit('otp.check', { otp: h.emu.outbox.last('joe')?.otp ?? '' })
      expect(completed.status === 'COMPLETED' && completed.authorizeResponse?.code).toBeTruthy()
      expect((await flow.complete()).claims?.sub).toBe(h.userId('joe'))
      expect(urls.some((u) => u.includes('/as/resume'))).toBe(false)
    })
  },
)

for (const sessionCookie of ['on-completed', 'never'] as const) {
  variant(
    `ST set ${sessionCookie}`,
    { pingOne: { sessionCookie, resumeRequiresSessionCookie: sessionCookie !== 'never' } },
    (h) => {
      it('resume still works', async () => {
        const flow = await mfa(h, 'joe')
        await flow.submit('otp.check', { otp: h.emu.outbox.last('joe')?.otp ?? '' })
        expect((await flow.complete()).claims?.sub).toBe(h.userId('joe'))
      })
    },
  )
}

variant('minimal authorizeResponse members', { pingOne: { authorizeResponseMembers: 'minimal' } }, (h) => {
  it.each(['code', 'token id_token'] as const)('%s completes', async (responseType) => {
    const flow = await h.client().startFlow({
      scope: 'openid',
      responseType,
      acrValues: 'MFA-Only',
      loginHintToken: await h.loginHintToken('joe'),
    })
    await flow.submit('otp.check', { otp: h.emu.outbox.last('joe')?.otp ?? '' })
    const result = await flow.complete()
    expect(result.claims?.sub).toBe(h.userId('joe'))
    expect(typeof result.tokens.access_token).toBe('string')
  })
})

variant('OAuth-style authorize errors', { pingOne: { authorizeErrorStyle: 'oauth' } }, (h) => {
  it('a forged login_hint_token is FLOW_ERROR with the OAuth error as server code', async () => {
    const token = await h.loginHintToken('joe', { secret: 'a-secret-the-emulator-has-never-seen!!' })
    const error = (await rejection(
      h.client().startFlow({ scope: 'openid', acrValues: 'MFA-Only', loginHintToken: token }),
    )) as RedirectlessError
    expect(isRedirectlessError(error, 'FLOW_ERROR')).toBe(true)
    expect(error.status).toBe(400)
    expect(error.server?.code).toMatch(/^invalid_/)
  })
})

variant(
  'FIDO2 options as a base64url object',
  { pingOne: { fidoRequestOptionsEncoding: 'base64url', fidoRequestOptionsAsString: false } },
  (h) => {
    it('the webauthn helpers and the emulator authenticator agree', async () => {
      const flow = await mfa(h, 'fido')
      if (flow.state.status !== 'ASSERTION_REQUIRED') throw new Error(flow.state.status)
      const options = flow.state.publicKeyCredentialRequestOptions
      expect(typeof options).toBe('object')
      const credentials = {
        async get(request?: CredentialRequestOptions) {
          const publicKey = request?.publicKey
          const b64url = (b: BufferSource | undefined) =>
            btoa(String.fromCharCode(...new Uint8Array(b as ArrayBuffer)))
              .replace(/\+/g, '-')
              .replace(/\//g, '_')
              .replace(/=+$/, '')
          const json = JSON.parse(
            h.emu.fido.getAssertion(
              {
                challenge: b64url(publicKey?.challenge),
                allowCredentials: (publicKey?.allowCredentials ?? []).map((c) => ({
                  type: c.type,
                  id: b64url(c.id),
                })),
              },
              FIDO_ORIGIN,
            ),
          )
          const bytes = (t: string) => Uint8Array.from(atob(t), (c) => c.charCodeAt(0)).buffer
          return {
            id: json.id,
            rawId: bytes(json.rawId),
            type: json.type,
            response: {
              clientDataJSON: bytes(json.response.clientDataJSON),
              authenticatorData: bytes(json.response.authenticatorData),
              signature: bytes(json.response.signature),
              userHandle: bytes(json.response.userHandle),
            },
          } as unknown as Credential
        },
      }
      const assertion = await getAssertion(options, { credentials })
      expect((await flow.submit('assertion.check', { origin: FIDO_ORIGIN, assertion })).status).toBe(
        'COMPLETED',
      )
    })
  },
)

for (const pushDeniedOutcome of ['PUSH_CONFIRMATION_TIMED_OUT', 'DEVICE_SELECTION_REQUIRED'] as const) {
  variant(`a denied push gives ${pushDeniedOutcome}`, { pingOne: { pushDeniedOutcome } }, (h) => {
    it('the poll ends on it', async () => {
      const flow = await mfa(h, 'ann')
      await selectPush(flow)
      h.emu.push.deny('ann')
      expect((await flow.poll({ deadline: 10_000 })).status).toBe(pushDeniedOutcome)
    })
  })
}

variant(
  'cancelling a push times it out',
  { pingOne: { pushCancelOutcome: 'PUSH_CONFIRMATION_TIMED_OUT' } },
  (h) => {
    it('cancel.push.authentication answers PUSH_CONFIRMATION_TIMED_OUT', async () => {
      const flow = await mfa(h, 'ann')
      await selectPush(flow)
      expect((await flow.submit('cancel.push.authentication')).status).toBe('PUSH_CONFIRMATION_TIMED_OUT')
    })
  },
)

variant('push polls paced by Retry-After', { pingOne: { pushPollRetryAfterSeconds: 2 } }, (h) => {
  it('the poll honours it and still completes', async () => {
    const flow = await mfa(h, 'ann')
    await selectPush(flow)
    const started = Date.now()
    const approve = setTimeout(() => h.emu.push.approve('ann'), 1_700)
    try {
      expect((await flow.poll({ deadline: 15_000 })).status).toBe('COMPLETED')
    } finally {
      clearTimeout(approve)
    }
    // First read at ~1.5 s (still waiting, Retry-After: 2), the next no sooner than 2 s later.
    expect(Date.now() - started).toBeGreaterThanOrEqual(3_400)
  })
})

variant('OTP lockout locks the device', { pingOne: { otpLockout: 'lock-device' } }, (h) => {
  it('the flow stays OTP_REQUIRED and further checks are refused with the unlock time', async () => {
    const flow = await mfa(h, 'lock')
    const otp = h.emu.outbox.last('lock')?.otp ?? ''
    const wrong = otp === '000000' ? '111111' : '000000'
    for (let i = 0; i < 3; i++) await rejection(flow.submit('otp.check', { otp: wrong }))
    expect((await flow.refresh()).status).toBe('OTP_REQUIRED')
    const locked = (await rejection(flow.submit('otp.check', { otp }))) as RedirectlessError
    expect(isRedirectlessError(locked, 'FLOW_ERROR')).toBe(true)
    expect(locked.detailCode).toBe('DEVICE_LOCKED')
    expect(locked.server?.details?.[0]?.innerError?.secondsUntilUnlock).toBeGreaterThan(0)
  })
})

variant('no usable device answers an error', { pingOne: { noDeviceOutcome: 'error' } }, (h) => {
  it('startFlow rejects with the server detail', async () => {
    const error = (await rejection(mfa(h, 'nodevice'))) as RedirectlessError
    expect(isRedirectlessError(error, 'FLOW_ERROR')).toBe(true)
    expect(error.detailCode).toBe('NO_USABLE_DEVICES')
  })
})

variant('MFA bypass for users without devices', { pingOne: { mfaBypassAllowed: true } }, (h) => {
  it('completes at once', async () => {
    const flow = await mfa(h, 'nodevice')
    expect(flow.state.status).toBe('COMPLETED')
    expect((await flow.complete()).claims?.sub).toBe(h.userId('nodevice'))
  })
})

variant('session.reset linked everywhere', { pingOne: { linkSessionResetEverywhere: true } }, (h) => {
  it('restarts the MFA step with a new OTP', async () => {
    const flow = await mfa(h, 'joe')
    const first = h.emu.outbox.last('joe')
    const reset = await flow.submit('session.reset')
    expect(reset.status).toBe('OTP_REQUIRED')
    const second = h.emu.outbox.last('joe')
    expect(second).not.toBe(first)
    expect((await flow.submit('otp.check', { otp: second?.otp ?? '' })).status).toBe('COMPLETED')
  })
})

variant('rate limited', { pingOne: { rateLimit: { limit: 3, windowSeconds: 60 } } }, (h) => {
  it('a 429 with a long Retry-After is RATE_LIMITED with retryAfter', async () => {
    const flow = await mfa(h, 'joe')
    let error: unknown
    for (let i = 0; i < 5 && !error; i++)
      error = await flow.refresh().then(
        () => undefined,
        (e: unknown) => e,
      )
    expect(isRedirectlessError(error, 'RATE_LIMITED')).toBe(true)
    expect((error as RedirectlessError).retryAfter).toBeGreaterThan(0)
    expect((error as RedirectlessError).server?.code).toBe('REQUEST_LIMITED')
  })
})
