import type { LoginHintInput } from './types.js'

// The JWT builders (and jose's signing code) load with the first token: only a server mints them.
let builders: Promise<typeof import('@redirectless/pingone/jwt')> | undefined

/** The PingOne issuer application that signs `login_hint_token`s with its client secret (HS256). */
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
  return async ({ subject }: LoginHintInput): Promise<string> => {
    builders ??= import('@redirectless/pingone/jwt')
    const { createLoginHintToken } = await builders
    return createLoginHintToken({
      issuer: options.issuer,
      subject,
      audience: options.audience,
      secret: options.secret,
      ...(options.expiresIn !== undefined && { expiresIn: options.expiresIn }),
    })
  }
}
