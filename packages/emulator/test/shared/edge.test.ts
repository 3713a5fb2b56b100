import { describe, expect, it } from 'vitest'
import { edgeError as pfEdgeError } from '../../src/pingfederate/errors.js'
import { edgeError as p1EdgeError } from '../../src/pingone/errors.js'
import {
  EDGE_FAILURES,
  type EdgeFailure,
  edgeResponse,
  isNetworkFailure,
  networkFailure,
} from '../../src/shared/edge.js'

const FAILURES = Object.keys(EDGE_FAILURES) as EdgeFailure[]
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

describe('edge failures', () => {
  it('have the statuses a server answers them with', () => {
    expect(Object.fromEntries(FAILURES.map((f) => [f, EDGE_FAILURES[f].status]))).toEqual({
      'bad-request': 400,
      'body-too-large': 413,
      'expectation-failed': 417,
      'headers-too-large': 431,
      'request-timeout': 408,
      unexpected: 500,
    })
  })

  it.each(FAILURES)('%s is a PingFederate `{ code, message }` error', (failure) => {
    const { status, body } = pfEdgeError(failure)
    expect(status).toBe(EDGE_FAILURES[failure].status)
    expect(body).toEqual({
      code: status === 500 ? 'UNEXPECTED_ERROR' : 'INVALID_REQUEST',
      message: EDGE_FAILURES[failure].message,
    })
    // No `status` field: that is how PF clients tell an error from a flow state.
    expect(body).not.toHaveProperty('status')
  })

  it.each(FAILURES)('%s is a PingOne `{ id, code, message }` error with a fresh id', (failure) => {
    const { status, body } = p1EdgeError(failure)
    expect(status).toBe(EDGE_FAILURES[failure].status)
    expect(body).toEqual({
      id: expect.stringMatching(UUID),
      code: status === 500 ? 'UNEXPECTED_ERROR' : 'INVALID_REQUEST',
      message: EDGE_FAILURES[failure].message,
    })
    expect(p1EdgeError(failure).body.id).not.toBe(body.id)
  })
})

describe('edgeResponse', () => {
  it('is uncacheable JSON and closes the connection on a refusal', async () => {
    const response = edgeResponse(pfEdgeError('body-too-large'))
    expect(response.status).toBe(413)
    expect(response.headers.get('content-type')).toBe('application/json')
    expect(response.headers.get('cache-control')).toBe('no-store')
    expect(response.headers.get('connection')).toBe('close')
    expect(await response.json()).toEqual(pfEdgeError('body-too-large').body)
  })

  it('keeps the connection on a server error (the request was read in full)', () => {
    const response = edgeResponse(p1EdgeError('unexpected'))
    expect(response.status).toBe(500)
    expect(response.headers.get('connection')).toBeNull()
  })
})

describe('networkFailure', () => {
  it("looks like the platform fetch's rejection, with a coded cause", () => {
    const error = networkFailure('ECONNRESET', 'socket hang up')
    expect(error).toBeInstanceOf(TypeError)
    expect(error.message).toBe('fetch failed')
    expect(error.cause).toMatchObject({ code: 'ECONNRESET', message: 'socket hang up' })
    expect(Object.keys(error)).toEqual([])
  })

  it('is told apart from any other error, even one that looks the same', () => {
    expect(isNetworkFailure(networkFailure('ECONNREFUSED', 'connect ECONNREFUSED'))).toBe(true)
    const lookalike = new TypeError('fetch failed', {
      cause: Object.assign(new Error('x'), { code: 'ECONNRESET' }),
    })
    expect(isNetworkFailure(lookalike)).toBe(false)
    expect(isNetworkFailure(undefined)).toBe(false)
    expect(isNetworkFailure('fetch failed')).toBe(false)
  })
})
