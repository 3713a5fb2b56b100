import { describe, expectTypeOf, it } from 'vitest'
import type {
  AuthorizationResult,
  PingOneClient,
  RefreshOptions,
  TokenLifecycle,
  UserinfoClaims,
} from '../src/index.js'

describe('the token lifecycle types', () => {
  it('the PingOne client has the same four calls as the PingFederate one', () => {
    expectTypeOf<PingOneClient>().toExtend<TokenLifecycle>()
    expectTypeOf<PingOneClient['refresh']>().parameter(0).toEqualTypeOf<string>()
    expectTypeOf<PingOneClient['refresh']>().parameter(1).toEqualTypeOf<RefreshOptions | undefined>()
    expectTypeOf<PingOneClient['refresh']>().returns.resolves.toEqualTypeOf<AuthorizationResult>()
    expectTypeOf<PingOneClient['userinfo']>().returns.resolves.toEqualTypeOf<UserinfoClaims>()
  })
})
