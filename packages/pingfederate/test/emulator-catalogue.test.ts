import { readdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { expect, it } from 'vitest'
import { PING_FEDERATE_STATUSES } from '../src/index.js'

// docs/emulator-pingfederate.md's catalogue says, for every status and action this client types,
// whether the emulator runs it (issue 12). This keeps the table complete and true: each name is
// in exactly one row, and a row says "emulated" exactly when the emulator's source names it.
const root = resolve(import.meta.dirname, '../../..')
const read = (path: string) => readFileSync(join(root, path), 'utf8')

/** The action ids of `PingFederateActions`, read from its declaration (a type, with no runtime list). */
function actionIds(): string[] {
  const source = read('packages/pingfederate/src/actions.ts')
  const start = source.indexOf('export type PingFederateActions = {')
  const body = source.slice(start, source.indexOf('export type PingFederateActionId', start))
  return [...body.matchAll(/^ {2}readonly (\w+):/gm)].map((m) => m[1] ?? '')
}

/** The catalogue's rows: the names in the first cell (`SECURID_*` covers a prefix) and the verdict. */
function catalogue(): { names: string[]; verdict: string }[] {
  const doc = read('docs/emulator-pingfederate.md')
  const start = doc.indexOf('### Status and action catalogue')
  const section = doc.slice(start, doc.indexOf('\n## ', start))
  return section
    .split('\n')
    .filter((line) => line.startsWith('| `'))
    .map((line) => {
      const [, names = '', verdict = ''] = line.split('|')
      return {
        names: [...names.matchAll(/`([A-Za-z0-9_*]+)`/g)].map((m) => m[1] ?? ''),
        verdict: verdict.trim(),
      }
    })
}

const emulatorSource = readdirSync(join(root, 'packages/emulator/src/pingfederate'))
  .filter((file) => file.endsWith('.ts'))
  .map((file) => read(`packages/emulator/src/pingfederate/${file}`))
  .join('\n')

it('lists every status and action once, "emulated" exactly for what the emulator implements', () => {
  const rows = catalogue()
  const rowsOf = (name: string) =>
    rows.filter((row) =>
      row.names.some((n) => n === name || (n.endsWith('*') && name.startsWith(n.slice(0, -1)))),
    )
  const actions = actionIds()
  expect([PING_FEDERATE_STATUSES.length, actions.length]).toEqual([106, 89])
  const wrong: string[] = []
  const count = { statuses: 0, actions: 0 }
  for (const [kind, names] of [
    ['statuses', PING_FEDERATE_STATUSES],
    ['actions', actions],
  ] as const) {
    for (const name of names) {
      const found = rowsOf(name)
      if (found.length !== 1) {
        wrong.push(`${name}: in ${found.length} rows`)
        continue
      }
      const emulated = found[0]?.verdict === 'emulated'
      if (!emulated && found[0]?.verdict !== 'not emulated') wrong.push(`${name}: "${found[0]?.verdict}"`)
      if (emulated !== emulatorSource.includes(`'${name}'`))
        wrong.push(`${name}: the table says ${emulated ? '' : 'not '}emulated`)
      if (emulated) count[kind] += 1
    }
  }
  expect(wrong).toEqual([])
  expect(read('docs/emulator-pingfederate.md')).toContain(
    `${count.statuses} of the 106 statuses and ${count.actions} of the 89 actions are emulated.`,
  )
})
