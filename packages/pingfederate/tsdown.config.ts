import { defineConfig } from 'tsdown'

export default defineConfig({
  // Two entries: `node.ts` only adds the tough-cookie jar as the default, so browsers never pull it in.
  entry: ['src/index.ts', 'src/node.ts'],
  format: 'esm',
  platform: 'neutral',
  dts: true,
  clean: true,
})
