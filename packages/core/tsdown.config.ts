import { defineConfig } from 'tsdown'

export default defineConfig({
  entry: ['src/index.ts', 'src/cookies.ts'],
  format: 'esm',
  platform: 'neutral',
  dts: true,
  clean: true,
})
