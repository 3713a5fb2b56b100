import fc from 'fast-check'

/** Text a header can carry (printable ASCII), so the Response itself can be built. */
export const headerText = fc.stringMatching(/^[\x20-\x7e]{0,48}$/)

/** Anything JavaScript can hold, including the odd (null prototypes, boxed values, sparse arrays). */
export const anything = fc.anything({
  withNullPrototype: true,
  withBoxedValues: true,
  withBigInt: true,
  withDate: true,
  withMap: true,
  withSet: true,
  withSparseArray: true,
  withTypedArray: true,
  withObjectString: true,
})

export const JWT = /\beyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*/

const b64url = fc.stringMatching(/^[A-Za-z0-9_-]{0,40}$/)
/** Something shaped like a compact JWS. */
export const jwtLike = fc.tuple(b64url, b64url, b64url).map(([a, b, c]) => `eyJ${a}.${b}.${c}`)

/** The parts of an HTTP answer a client reads. */
export interface AnswerSpec {
  readonly status: number
  readonly contentType: string
  readonly retryAfter: string | null
  readonly location: string | null
  readonly setCookie: string | null
  readonly body: string | Uint8Array
}

// Statuses whose Response may not have a body.
const NULL_BODY = new Set([204, 205, 304])

export function toResponse(spec: AnswerSpec): Response {
  const headers = new Headers()
  if (spec.contentType) headers.set('content-type', spec.contentType)
  if (spec.retryAfter !== null) headers.set('retry-after', spec.retryAfter)
  if (spec.location !== null) headers.set('location', spec.location)
  if (spec.setCookie !== null) headers.append('set-cookie', spec.setCookie)
  return new Response(NULL_BODY.has(spec.status) ? null : (spec.body as BodyInit), {
    status: spec.status,
    headers,
  })
}

/** Mostly `usual`, sometimes `odd`: most answers are nearly right, which is where parsers slip. */
const mostly = <T>(usual: fc.Arbitrary<T>, odd: fc.Arbitrary<T>) =>
  fc.oneof({ weight: 6, arbitrary: usual }, { weight: 1, arbitrary: odd })

/** A link as a server might write it: ours, another origin's, relative, or not a URL at all. */
export const link = (base: string) =>
  mostly(
    fc.constantFrom(
      `${base}/flows/f1`,
      `${base}/pf-ws/authn/flows/f1`,
      `${base}/2d3a7e6c-5b1f-4c8e-9a0d-6f4b2c1e8a35/flows/f1`,
    ),
    fc.oneof(
      fc.webUrl(),
      fc.constant('//attacker.example/x'),
      fc.constant('javascript:alert(1)'),
      fc.constant('/relative/path'),
      fc.string({ maxLength: 30 }),
    ),
  )

/**
 * PingOne's `_embedded` models of the sign-on statuses (policy, agreement, profile, providers, the
 * password link under `requiredStep`), each usually right and sometimes wrong in any way; any of
 * them may be absent.
 */
const pingOneModels = (base: string) => {
  const provider = fc.record(
    {
      id: fc.string({ maxLength: 8 }),
      type: fc.constantFrom('GOOGLE', 'OPENID_CONNECT'),
      name: fc.string({ maxLength: 12 }),
      _links: fc.record({ authenticate: fc.record({ href: link(base) }) }),
    },
    { requiredKeys: [] },
  )
  const optional = <T>(usual: fc.Arbitrary<T>) =>
    fc.option(mostly(usual as fc.Arbitrary<unknown>, fc.jsonValue()), { nil: undefined })
  return {
    passwordPolicy: optional(
      fc.record({
        length: fc.record({ min: fc.nat(), max: fc.nat() }),
        minCharacters: fc.dictionary(fc.string(), fc.nat()),
      }),
    ),
    agreement: optional(
      fc.record({ id: fc.string(), name: fc.string(), text: fc.string() }, { requiredKeys: [] }),
    ),
    profileData: optional(
      fc.record({
        promptText: fc.string({ maxLength: 20 }),
        attributes: fc.array(fc.record({ name: fc.string({ maxLength: 10 }), required: fc.boolean() }), {
          maxLength: 3,
        }),
      }),
    ),
    socialProviders: optional(fc.array(provider, { maxLength: 2 })),
    identityProvider: optional(provider),
    deviceAuthorization: optional(fc.record({ userCode: fc.string(), scopes: fc.array(fc.string()) })),
    user: optional(
      fc.record(
        { id: fc.string({ maxLength: 8 }), username: fc.string({ maxLength: 8 }), email: fc.string() },
        { requiredKeys: [] },
      ),
    ),
    application: optional(fc.record({ name: fc.string({ maxLength: 12 }) }, { requiredKeys: [] })),
    requiredStep: optional(
      fc.record({
        _links: fc.dictionary(
          fc.constantFrom('usernamePassword.check', 'signOnPage', '__proto__', 'password.forgot'),
          mostly(fc.record({ href: link(base) }) as fc.Arbitrary<unknown>, fc.jsonValue()),
          { maxKeys: 3 },
        ),
      }),
    ),
  }
}

/** A body shaped like a flow state, each member usually right and sometimes wrong in any way. */
export const flowLike = (base: string, statuses: readonly string[]) =>
  fc.record(
    {
      id: mostly(
        fc.constant('f1') as fc.Arbitrary<unknown>,
        fc.oneof(fc.string({ maxLength: 12 }), fc.integer(), fc.constant(null)),
      ),
      status: mostly(
        fc.constantFrom(...statuses) as fc.Arbitrary<unknown>,
        fc.oneof(fc.string({ maxLength: 20 }), fc.integer()),
      ),
      _links: mostly(
        fc.dictionary(
          mostly(
            fc.constantFrom(
              'self',
              'checkUsernamePassword',
              'continueAuthentication',
              'otp.check',
              'device.select',
              'poll',
              'signOnPage',
              'user.lookup',
              'usernamePassword.check',
              'password.reset',
              'user.consent',
              'deviceAuthGrant.userCode.verify',
            ),
            fc.string({ maxLength: 12 }),
          ),
          mostly(fc.record({ href: link(base) }) as fc.Arbitrary<unknown>, fc.jsonValue()),
          { maxKeys: 4 },
        ) as fc.Arbitrary<unknown>,
        fc.jsonValue(),
      ),
      _embedded: mostly(
        fc.record({
          ...pingOneModels(base),
          devices: mostly(
            fc.array(
              fc.record({
                id: fc.string({ maxLength: 8 }),
                type: fc.constantFrom('SMS', 'MOBILE', 'FIDO2', 'TOTP'),
              }),
              {
                minLength: 1,
                maxLength: 3,
              },
            ) as fc.Arbitrary<unknown>,
            fc.jsonValue(),
          ),
        }) as fc.Arbitrary<unknown>,
        fc.jsonValue(),
      ),
      authorizeResponse: mostly(
        fc.record(
          { code: fc.string({ maxLength: 12 }), state: fc.string({ maxLength: 12 }) },
          { requiredKeys: [] },
        ) as fc.Arbitrary<unknown>,
        fc.jsonValue(),
      ),
      resumeUrl: link(base),
      publicKeyCredentialRequestOptions: fc.jsonValue(),
      _pf_authn_api_state: fc.string({ maxLength: 12 }),
      code: fc.string({ maxLength: 20 }),
      message: fc.string({ maxLength: 40 }),
      details: fc.jsonValue(),
    },
    { requiredKeys: [] },
  )

/** An error envelope of either product, or an OAuth error, with wrong-typed members. */
export const errorEnvelope = fc.record(
  {
    id: fc.oneof(fc.string({ maxLength: 12 }), fc.jsonValue()),
    code: fc.oneof(
      fc.constantFrom(
        'VALIDATION_ERROR',
        'RESOURCE_NOT_FOUND',
        'FLOW_NOT_FOUND',
        'NOT_FOUND',
        'INVALID_DATA',
        'REQUEST_LIMITED',
      ),
      fc.jsonValue(),
    ),
    message: fc.oneof(fc.string({ maxLength: 60 }), jwtLike, fc.jsonValue()),
    userMessage: fc.oneof(fc.string({ maxLength: 30 }), fc.jsonValue()),
    error: fc.oneof(fc.constantFrom('invalid_grant', 'invalid_client'), fc.jsonValue()),
    error_description: fc.oneof(fc.string({ maxLength: 60 }), jwtLike),
    details: fc.oneof(
      fc.array(
        fc.record(
          {
            code: fc.oneof(fc.string({ maxLength: 20 }), fc.jsonValue()),
            message: fc.oneof(fc.string({ maxLength: 40 }), jwtLike),
            target: fc.oneof(fc.string({ maxLength: 12 }), fc.jsonValue()),
            attemptsRemaining: fc.oneof(fc.integer(), fc.jsonValue()),
            innerError: fc.oneof(fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue()), fc.jsonValue()),
            failedValidators: fc.oneof(fc.array(fc.jsonValue(), { maxLength: 3 }), fc.jsonValue()),
          },
          { requiredKeys: [] },
        ),
        { maxLength: 3 },
      ),
      fc.jsonValue(),
    ),
  },
  { requiredKeys: [] },
)

/** Any answer: a flow-like body, an error envelope, arbitrary JSON, bytes or text, with any status. */
export const answer = (base: string, statuses: readonly string[]): fc.Arbitrary<AnswerSpec> =>
  fc.record({
    status: fc.oneof(
      { weight: 6, arbitrary: fc.constant(200) },
      {
        weight: 3,
        arbitrary: fc.constantFrom(
          201,
          204,
          302,
          303,
          307,
          400,
          401,
          403,
          404,
          409,
          415,
          429,
          500,
          501,
          502,
          503,
          599,
        ),
      },
      { weight: 1, arbitrary: fc.integer({ min: 200, max: 599 }) },
    ),
    contentType: fc.constantFrom(
      'application/json',
      'application/json; charset=utf-8',
      'text/html',
      'application/hal+json',
      '',
    ),
    retryAfter: fc.option(fc.oneof(fc.nat({ max: 5 }).map(String), fc.constant('-1'), headerText), {
      nil: null,
    }),
    location: fc.option(fc.oneof(fc.webUrl(), headerText, fc.constantFrom('http://[', '//', 'https://[::')), {
      nil: null,
    }),
    setCookie: fc.option(
      fc.oneof(
        headerText,
        headerText.map((v) => `PF=${v}; Path=/; HttpOnly`),
      ),
      { nil: null },
    ),
    body: fc.oneof(
      { weight: 8, arbitrary: flowLike(base, statuses).map((v) => JSON.stringify(v)) },
      { weight: 2, arbitrary: errorEnvelope.map((v) => JSON.stringify(v)) },
      { weight: 2, arbitrary: fc.jsonValue().map((v) => JSON.stringify(v)) },
      { weight: 1, arbitrary: fc.uint8Array({ maxLength: 128 }) },
      { weight: 1, arbitrary: fc.string({ maxLength: 80 }) },
    ),
  })
