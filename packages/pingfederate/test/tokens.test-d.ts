import { describe, expectTypeOf, it } from 'vitest'
import type {
  AuthorizationResult,
  EndSessionResult,
  PingFederateClient,
  RefreshOptions,
  RevokeOptions,
  SignOffOptions,
  TokenLifecycle,
  UserinfoClaims,
} from '../src/index.js'

describe('the token lifecycle types', () => {
  it('the client has the four lifecycle calls', () => {
    expectTypeOf<PingFederateClient>().toExtend<TokenLifecycle>()
    expectTypeOf<PingFederateClient['refresh']>().parameter(0).toEqualTypeOf<string>()
    expectTypeOf<PingFederateClient['refresh']>().parameter(1).toEqualTypeOf<RefreshOptions | undefined>()
    expectTypeOf<PingFederateClient['refresh']>().returns.resolves.toEqualTypeOf<AuthorizationResult>()
    expectTypeOf<PingFederateClient['userinfo']>().returns.resolves.toEqualTypeOf<UserinfoClaims>()
    expectTypeOf<PingFederateClient['signOff']>().returns.resolves.toEqualTypeOf<EndSessionResult>()
  })

  it('the hint is one of the two RFC 7009 names; sign-off options are all optional', () => {
    expectTypeOf<NonNullable<RevokeOptions['tokenTypeHint']>>().toEqualTypeOf<
      'access_token' | 'refresh_token'
    >()
    expectTypeOf<{ idTokenHint: string }>().toExtend<SignOffOptions>()
    expectTypeOf<{}>().toExtend<SignOffOptions>()
    expectTypeOf<UserinfoClaims['sub']>().toEqualTypeOf<string>()
  })
})
