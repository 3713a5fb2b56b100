import { inspect } from 'node:util'
import { describe, expect, it } from 'vitest'
import { ErrorCodes, isRedirectlessError, RedirectlessError, sanitizeServerError } from '../../src/index.js'

const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJqb2UifQ.c2lnbmF0dXJl'

describe('RedirectlessError', () => {
  it('carries a code, the HTTP status and the server body', () => {
    const error = new RedirectlessError(ErrorCodes.FLOW_ERROR, 'refused', {
      status: 400,
      server: {
        code: 'VALIDATION_ERROR',
        message: 'One or more validation errors occurred.',
        details: [{ code: 'CREDENTIAL_VALIDATION_FAILED', userMessage: 'Wrong.' }],
      },
    })
    expect(error.code).toBe('FLOW_ERROR')
    expect(error.status).toBe(400)
    expect(error.detailCode).toBe('CREDENTIAL_VALIDATION_FAILED')
    expect(error.retryable).toBe(false)
    expect(error).toBeInstanceOf(Error)
    expect(String(error)).toBe('RedirectlessError [FLOW_ERROR] HTTP 400: refused')
  })

  it('is recognised across realms by its brand, and by code', () => {
    const error = new RedirectlessError(ErrorCodes.TIMEOUT, 'slow')
    expect(isRedirectlessError(error)).toBe(true)
    expect(isRedirectlessError(error, 'TIMEOUT')).toBe(true)
    expect(isRedirectlessError(error, 'ABORTED')).toBe(false)
    expect(isRedirectlessError(new Error('x'))).toBe(false)
    expect(isRedirectlessError({ code: 'TIMEOUT' })).toBe(false)
    expect(isRedirectlessError(null)).toBe(false)
  })

  it('marks transient failures retryable', () => {
    expect(new RedirectlessError('NETWORK_ERROR', 'x').retryable).toBe(true)
    expect(new RedirectlessError('SERVER_ERROR', 'x', { status: 503 }).retryable).toBe(true)
    expect(new RedirectlessError('SERVER_ERROR', 'x', { status: 501 }).retryable).toBe(false)
    expect(new RedirectlessError('FLOW_EXPIRED', 'x').retryable).toBe(false)
  })

  it('never shows a secret in its message, toString, JSON or inspection', () => {
    const cause = new Error(`password=hunter2 token ${JWT}`)
    const error = new RedirectlessError(
      ErrorCodes.FLOW_ERROR,
      `failed for ${JWT} with password=hunter2 and Bearer abc.def`,
      {
        status: 400,
        cause,
        server: {
          code: 'INVALID_DATA',
          message: `bad {"otp":"123456"} ${JWT}`,
          details: [
            {
              code: 'INVALID_OTP',
              message: 'code=SplxlOBeZQQYbYS6WxSbIA',
              innerError: { echoed: JWT, n: 2, nested: { password: 'x' } },
            },
          ],
        },
      },
    )
    const views = [error.message, String(error), JSON.stringify(error), inspect(error, { depth: 10 })]
    for (const view of views) {
      expect(view).not.toContain('hunter2')
      expect(view).not.toContain(JWT)
      expect(view).not.toContain('123456')
      expect(view).not.toContain('SplxlOBeZQQYbYS6WxSbIA')
      expect(view).not.toContain('abc.def')
    }
    expect(error.server?.details?.[0]?.innerError).toEqual({ echoed: '[redacted-jwt]', n: 2 })
    expect(String((error as { cause?: unknown }).cause)).toBe(
      'Error: password=[redacted] token [redacted-jwt]',
    )
  })
})

describe('sanitizeServerError', () => {
  it('keeps the documented fields of PingFederate and PingOne bodies and drops the rest', () => {
    const server = sanitizeServerError({
      id: 'e1',
      code: 'VALIDATION_ERROR',
      message: 'm',
      userMessage: 'u',
      _pf_authn_api_state: 'secret-state',
      details: [
        {
          code: 'INVALID_OTP',
          target: 'otp',
          attemptsRemaining: 2,
          failedValidators: [{ userMessage: 'too short' }],
          extra: 'x',
        },
        'not an object',
      ],
    })
    expect(server).toEqual({
      id: 'e1',
      code: 'VALIDATION_ERROR',
      message: 'm',
      userMessage: 'u',
      details: [
        {
          code: 'INVALID_OTP',
          target: 'otp',
          attemptsRemaining: 2,
          failedValidators: [{ userMessage: 'too short' }],
        },
      ],
    })
  })

  it('reads OAuth error bodies', () => {
    expect(
      sanitizeServerError({
        error: 'invalid_grant',
        error_description: 'Authorization code is invalid or expired.',
      }),
    ).toEqual({
      code: 'invalid_grant',
      message: 'Authorization code is invalid or expired.',
    })
  })

  it('accepts anything without throwing', () => {
    for (const value of [null, undefined, 1, 'x', [], { details: 'x' }, { details: [null, 1] }]) {
      expect(() => sanitizeServerError(value)).not.toThrow()
    }
  })
})
