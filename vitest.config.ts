import { defineConfig } from 'vitest/config'

// Tests run against the packages' TypeScript sources through the `@redirectless/source` export condition,
// so a test never needs a build and always exercises what is in the tree.
export default defineConfig({
  resolve: { conditions: ['@redirectless/source'] },
  ssr: { resolve: { conditions: ['@redirectless/source'] } },
  test: {
    include: ['packages/*/test/**/*.test.ts', 'examples/**/*.test.ts', 'suites/**/*.test.ts'],
    typecheck: { enabled: true, include: ['packages/*/test/**/*.test-d.ts'], tsconfig: './tsconfig.json' },
    testTimeout: 20_000,
    hookTimeout: 20_000,
    pool: 'forks',
    // Most test time is spent waiting on sockets, browsers and child processes, so one worker per
    // core leaves the cores idle: three on a 2-core CI machine cut the run by about half.
    maxWorkers: 3,
  },
})
