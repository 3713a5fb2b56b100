import react from '@vitejs/plugin-react'
import { defaultClientConditions, type InlineConfig } from 'vite'

/**
 * The page's Vite settings. In this repository the packages resolve to their TypeScript sources
 * (`@redirectless/source`), so the example needs no build of them; an app that installs them from
 * npm drops that condition.
 */
export const spaViteConfig = (outDir = 'dist'): InlineConfig => ({
  root: import.meta.dirname,
  configFile: false,
  plugins: [react()],
  resolve: { conditions: ['@redirectless/source', ...defaultClientConditions] },
  build: { outDir, emptyOutDir: true, reportCompressedSize: false },
  logLevel: 'warn',
})

export default spaViteConfig()
