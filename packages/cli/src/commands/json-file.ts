import { readFile } from 'node:fs/promises'
import { isAbsolute, resolve } from 'node:path'
import { CliError } from '../errors.js'
import { ExitCodes } from '../exit-codes.js'

/** Reads a JSON object from a file; errors name the file, never echo its content. */
export async function readJsonObject(path: string, cwd: string): Promise<Record<string, unknown>> {
  const full = isAbsolute(path) ? path : resolve(cwd, path)
  let parsed: unknown
  try {
    parsed = JSON.parse(await readFile(full, 'utf8'))
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    throw new CliError(
      'CONFIG_INVALID',
      code ? `Cannot read ${full} (${code})` : `${full} is not valid JSON`,
      ExitCodes.USAGE,
    )
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
    throw new CliError('CONFIG_INVALID', `${full} must hold a JSON object`, ExitCodes.USAGE)
  return parsed as Record<string, unknown>
}
