import { defineConfig } from 'tsdown'

export default defineConfig({
  entry: ['src/index.ts', 'src/bin.ts'],
  format: 'esm',
  platform: 'node',
  dts: true,
  clean: true,
  // `.js`/`.d.ts` as package.json names them (platform node would default to `.mjs`).
  fixedExtension: false,
})
