import { createLoginHintToken } from '@redirectless/pingone/jwt'
import type { LoginHintInput } from './types.js'

export interface LoginHintSecretOptions {
  /** The issuer ("integrated") application's client id. */
  readonly issuer: string
  /** The issuer application's client secret (≥ 32 bytes). Server-side only. */
  readonly secret: string
  /** `{authBaseUrl}/{environmentId}/as`, i.e. the PingOne client's `issuer`. */
  readonly audience: string
  /** Seconds the token lives. Default: the builder's short default. */
  readonly expiresIn?: number
}

/**
 * For servers (a BFF, the CLI): a `loginHintToken` callback that mints the token from the issuer
 * application's secret. Never use it in a native app or a browser: the secret would be public.
 */
export function loginHintTokenFromSecret(options: LoginHintSecretOptions) {
  return ({ subject }: LoginHintInput): Promise<string> =>
    createLoginHintToken({
      issuer: options.issuer,
      subject,
      audience: options.audience,
      secret: options.secret,
      ...(options.expiresIn !== undefined && { expiresIn: options.expiresIn }),
    })
}
