import { invalidData } from './errors.js'

/** A non-empty string member of an action body; 400 `REQUIRED_VALUE` naming it otherwise. */
export function requiredString(body: Readonly<Record<string, unknown>>, name: string): string {
  const value = body[name]
  if (typeof value !== 'string' || value === '')
    throw invalidData(name, `The ${name} is required.`, 'REQUIRED_VALUE')
  return value
}

/** A boolean member of an action body; 400 naming it otherwise. */
export function requiredBoolean(body: Readonly<Record<string, unknown>>, name: string): boolean {
  const value = body[name]
  if (value === undefined) throw invalidData(name, `The ${name} is required.`, 'REQUIRED_VALUE')
  if (typeof value !== 'boolean') throw invalidData(name, `The ${name} must be true or false.`)
  return value
}
