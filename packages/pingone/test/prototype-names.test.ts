import { describe, expect, it } from 'vitest'
import { createPingOneDialect } from '../src/dialect.js'
import type { PingOneState } from '../src/index.js'

// Invariant 12 in the dialect: the cancel action is one of the state's own links, never inherited.

const href = 'https://auth.pingone.example/env/flows/f1'
const state = (links: object) =>
  ({ id: 'f1', status: 'PUSH_CONFIRMATION_REQUIRED', _links: links }) as unknown as PingOneState

describe('the PingOne dialect reads only the state’s own links', () => {
  const dialect = createPingOneDialect({} as never)

  it('names the push cancel action only when the state offers it itself', () => {
    expect(dialect.cancelAction(state({ 'cancel.push.authentication': { href } }))).toBe(
      'cancel.push.authentication',
    )
    const inherited = Object.create({ 'cancel.push.authentication': { href } }) as object
    expect(dialect.cancelAction(state(inherited))).toBeUndefined()
    expect(dialect.cancelAction(state({}))).toBeUndefined()
  })
})
