import { defineConfig } from 'tsdown'

// One entry per subpath export, so a bundler that imports `@redirectless/pingone/jwt` never sees
// the flow client, and the browser entry never sees the Node cookie jar.
export default defineConfig({
  entry: ['src/index.ts', 'src/node.ts', 'src/jwt/index.ts', 'src/webauthn/index.ts'],
  format: 'esm',
  platform: 'neutral',
  dts: true,
  clean: true,
})
