import { isRedirectlessError } from '@redirectless/core'
import { describe, expect, it } from 'vitest'
import type { FlowStore } from '../../src/index.js'

const codeOf = async (pending: Promise<unknown>) => {
  try {
    await pending
  } catch (error) {
    if (isRedirectlessError(error)) return error.code
    throw error
  }
  return 'resolved'
}

/**
 * What every {@link FlowStore} must do, run against each implementation (the memory store here,
 * Redis in @redirectless/store-redis): the same tests, the same answers.
 */
export function flowStoreContract(name: string, storeFor: () => FlowStore) {
  describe(`${name}: the FlowStore contract`, () => {
    it('creates, reads and compare-and-sets, each write one version up', async () => {
      const store = storeFor()
      expect(await store.get('a')).toBeUndefined()
      const value = { sealed: 'x', lease: { owner: 'o', until: 1 }, list: [1, 'two', null] }
      expect(await store.put('a', value, { ttlSeconds: 60 })).toBe(1)
      const read = await store.get('a')
      expect(read).toEqual({ value, version: 1 })
      expect(read?.value).not.toBe(value)
      expect(await store.put('a', { sealed: 'y' }, { version: 1, ttlSeconds: 60 })).toBe(2)
      expect(await store.get('a')).toEqual({ value: { sealed: 'y' }, version: 2 })
    })

    it('refuses a lost race with CONFLICT and never overwrites', async () => {
      const store = storeFor()
      await store.put('b', 'first', { ttlSeconds: 60 })
      expect(await codeOf(store.put('b', 'again', { ttlSeconds: 60 }))).toBe('CONFLICT')
      expect(await codeOf(store.put('b', 'stale', { version: 7, ttlSeconds: 60 }))).toBe('CONFLICT')
      expect(await codeOf(store.put('nothing-here', 'x', { version: 1, ttlSeconds: 60 }))).toBe('CONFLICT')
      expect(await store.get('b')).toEqual({ value: 'first', version: 1 })
    })

    it('lets exactly one of many simultaneous writers of one version win', async () => {
      const store = storeFor()
      await store.put('c', 0, { ttlSeconds: 60 })
      const outcomes = await Promise.all(
        Array.from({ length: 50 }, (_, i) => codeOf(store.put('c', i, { version: 1, ttlSeconds: 60 }))),
      )
      expect(outcomes.filter((o) => o === 'resolved')).toHaveLength(1)
      expect(outcomes.filter((o) => o === 'CONFLICT')).toHaveLength(49)
      expect((await store.get('c'))?.version).toBe(2)
    })

    it('forgets a value when its time to live is over, and when deleted', async () => {
      const store = storeFor()
      await store.put('d', 'short', { ttlSeconds: 0.2 })
      await store.put('e', 'kept', { ttlSeconds: 60 })
      await new Promise((resolve) => setTimeout(resolve, 400))
      expect(await store.get('d')).toBeUndefined()
      // Expired is as good as absent: a new value is created, at version 1.
      expect(await store.put('d', 'new', { ttlSeconds: 60 })).toBe(1)
      await store.delete('e')
      await store.delete('never-was')
      expect(await store.get('e')).toBeUndefined()
    })

    it('keeps values apart by key', async () => {
      const store = storeFor()
      await Promise.all(Array.from({ length: 20 }, (_, i) => store.put(`k${i}`, { i }, { ttlSeconds: 60 })))
      for (let i = 0; i < 20; i++) expect((await store.get(`k${i}`))?.value).toEqual({ i })
    })

    it('refuses bad keys, lifetimes, versions and values with INVALID_ARGUMENT', async () => {
      const store = storeFor()
      const bad: [string, unknown, object][] = [
        ['', 'x', { ttlSeconds: 60 }],
        ['f', 'x', { ttlSeconds: 0 }],
        ['f', 'x', { ttlSeconds: Number.NaN }],
        ['f', 'x', { ttlSeconds: 60, version: 0 }],
        ['f', 'x', { ttlSeconds: 60, version: 1.5 }],
        ['f', undefined, { ttlSeconds: 60 }],
        ['f', () => 1, { ttlSeconds: 60 }],
      ]
      for (const [id, value, options] of bad) {
        expect(await codeOf(store.put(id, value, options as never))).toBe('INVALID_ARGUMENT')
      }
      expect(await store.get('f')).toBeUndefined()
    })
  })
}
