import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { ErrorCodes, RedirectlessError } from '@redirectless/core'
import { describe, expect, it } from 'vitest'
import { toCliError } from '../src/errors.js'
import { explainNetworkError, fetchFailureCode } from '../src/network-cause.js'

/** What the platform's fetch throws for `url`. */
async function fetchFailure(url: string): Promise<unknown> {
  try {
    await fetch(url)
  } catch (error) {
    return error
  }
  throw new Error(`${url} answered`)
}

async function freedPort(): Promise<number> {
  const probe = createServer()
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve))
  const port = (probe.address() as AddressInfo).port
  await new Promise((resolve) => probe.close(resolve))
  return port
}

describe('fetchFailureCode', () => {
  it('reads the code off what fetch really throws: a refused connection, a blocked port', async () => {
    const port = await freedPort()
    expect(fetchFailureCode(await fetchFailure(`http://127.0.0.1:${port}/`))).toBe('ECONNREFUSED')
    expect(fetchFailureCode(await fetchFailure('http://127.0.0.1:9/'))).toBe('BAD_PORT')
  })

  it('tells https spoken to a plain-http port', async () => {
    const server = createServer((_, res) => res.end('plain'))
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    try {
      const url = `https://127.0.0.1:${(server.address() as AddressInfo).port}/`
      const code = fetchFailureCode(await fetchFailure(url))
      expect(explainNetworkError(`Could not reach ${url}`, { code }).message).toBe(
        `Could not reach ${url} (no TLS on that port, ${code})`,
      )
    } finally {
      server.close()
    }
  })

  it('looks into an AggregateError (both address families refused) and nested causes', () => {
    const aggregate = new AggregateError([Object.assign(new Error('x'), { code: 'ECONNREFUSED' })])
    expect(fetchFailureCode(new TypeError('fetch failed', { cause: aggregate }))).toBe('ECONNREFUSED')
    expect(fetchFailureCode(new TypeError('fetch failed'))).toBeUndefined()
    expect(fetchFailureCode({ cause: { code: 'not a code; password=hunter2' } })).toBeUndefined()
  })
})

describe('explainNetworkError', () => {
  it('puts the reason in words after the URL, in place of the bare code', () => {
    expect(explainNetworkError('Could not reach http://127.0.0.1:1234/x (ECONNREFUSED)')).toEqual({
      message: 'Could not reach http://127.0.0.1:1234/x (connection refused, ECONNREFUSED)',
      code: 'ECONNREFUSED',
    })
    expect(
      explainNetworkError('Could not reach https://sso.example.com/x', { code: 'CERT_HAS_EXPIRED' }),
    ).toEqual({
      message:
        'Could not reach https://sso.example.com/x (its TLS certificate has expired, CERT_HAS_EXPIRED)',
      code: 'CERT_HAS_EXPIRED',
    })
    expect(explainNetworkError('Could not reach http://127.0.0.1:9/x', { message: 'bad port' }).message).toBe(
      'Could not reach http://127.0.0.1:9/x (fetch blocks port 9: it never connects there)',
    )
  })

  it('keeps an unknown code as it is, and leaves a message without one alone', () => {
    expect(explainNetworkError('Could not reach http://h/ (EWHATEVER)').message).toBe(
      'Could not reach http://h/ (EWHATEVER)',
    )
    expect(explainNetworkError('Could not reach http://h/')).toEqual({ message: 'Could not reach http://h/' })
  })

  it('never echoes what a cause says beyond its code', () => {
    const { message } = explainNetworkError('Could not reach http://h/', {
      message: 'connect failed for user:hunter2@h',
      cause: { code: 'ECONNRESET' },
    })
    expect(message).toBe('Could not reach http://h/ (connection reset, ECONNRESET)')
  })
})

describe('toCliError for a NETWORK_ERROR', () => {
  it('explains the cause the library kept, exits 3 and names the code for --json', async () => {
    const port = await freedPort()
    const cause = await fetchFailure(`http://127.0.0.1:${port}/`)
    const error = new RedirectlessError(
      ErrorCodes.NETWORK_ERROR,
      `Could not reach http://127.0.0.1:${port}/`,
      {
        cause,
      },
    )
    const cli = toCliError(error, { stage: 'pingOne' })
    expect(cli.exitCode).toBe(3)
    expect(cli.message).toBe(
      `PingOne: Could not reach http://127.0.0.1:${port}/ (connection refused, ECONNREFUSED)`,
    )
    expect(cli.toJSON()).toMatchObject({ code: 'NETWORK_ERROR', cause: 'ECONNREFUSED', stage: 'pingOne' })
  })

  it('takes the cause noted on the side when the error lost its own', () => {
    const bare = toCliError({
      code: 'NETWORK_ERROR',
      message: 'Could not reach http://127.0.0.1:9/as/authorize',
    })
    expect(bare.message).toBe('The login: Could not reach http://127.0.0.1:9/as/authorize')
    const explained = bare.withNetworkCause('BAD_PORT')
    expect(explained.message).toMatch(/\(fetch blocks port 9: it never connects there\)$/)
    expect(explained.details.cause).toBe('BAD_PORT')
    // Once explained, it stays as it is.
    expect(explained.withNetworkCause('ECONNRESET')).toBe(explained)
  })
})
