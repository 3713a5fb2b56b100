import { build } from 'vite'
import { spaViteConfig } from '../vite.config.js'

/**
 * Builds the page for production into `outDir` (absolute, or relative to `examples/spa`). Vite and
 * the React plugin read production from `NODE_ENV`, which a test runner sets to `test` (giving
 * React's development build): it is `production` for the length of the build.
 */
export async function buildSpa(outDir: string): Promise<void> {
  const previous = process.env.NODE_ENV
  process.env.NODE_ENV = 'production'
  try {
    await build({ ...spaViteConfig(outDir), mode: 'production' })
  } finally {
    if (previous === undefined) delete process.env.NODE_ENV
    else process.env.NODE_ENV = previous
  }
}
