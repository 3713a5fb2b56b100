// Size budgets, measured as a user pays: an ESM bundle of a realistic import (esbuild, minified,
// tree-shaken, dependencies included), brotli-compressed. 1 kB = 1000 bytes (size-limit's unit).
// `pnpm size` fails CI when a budget is exceeded; `pnpm bench` puts the figures in docs/benchmarks.md.
// The four product budgets are the targets themselves (12 / 14 / 4 / 28 kB, bench/size-targets.ts);
// the other entries hold today's size plus a small margin, so nothing grows unnoticed.
// Needs `pnpm build` first: it measures the built `dist` files that npm would ship.

/** Browsers, React Native, Deno: the `browser` export condition, ESM output. */
const browser = (config) => ({ ...config, format: 'esm', platform: 'browser' })
/** Node-only entries (cookie jar, emulator): Node built-ins stay external, as they cost nothing. */
const node = (config) => ({ ...config, format: 'esm', platform: 'node' })

const pingFederate = 'packages/pingfederate/dist/index.js'
const pingOne = 'packages/pingone/dist/index.js'

module.exports = [
  {
    name: '@redirectless/pingfederate (browser client)',
    path: pingFederate,
    import: '{ createPingFederateClient }',
    modifyEsbuildConfig: browser,
    limit: '12 kB',
  },
  {
    name: '@redirectless/pingone (browser client)',
    path: pingOne,
    import: '{ createPingOneClient }',
    modifyEsbuildConfig: browser,
    limit: '14 kB',
  },
  {
    name: '@redirectless/pingone/jwt (JWT builders)',
    path: 'packages/pingone/dist/jwt/index.js',
    import: '{ createLoginHintToken, createRequestObject }',
    modifyEsbuildConfig: browser,
    limit: '4 kB',
  },
  {
    // What a browser app imports to drive the machine and render its own screens (xstate's
    // createActor included). runHybridLogin is the promise API for scripts and CLIs: next entry.
    name: 'hybrid browser stack (orchestrator + both clients + xstate)',
    import: {
      'packages/orchestrator/dist/index.js': '{ createHybridLoginMachine, submitEvent, hybridLoginPhase }',
      // xstate as the orchestrator resolves it (the `module` build bundlers pick).
      'packages/orchestrator/node_modules/xstate/dist/xstate.esm.js': '{ createActor }',
      [pingFederate]: '{ createPingFederateClient }',
      [pingOne]: '{ createPingOneClient }',
    },
    modifyEsbuildConfig: browser,
    limit: '28 kB',
  },
  {
    name: 'hybrid stack with runHybridLogin (scripts, CLIs)',
    import: {
      'packages/orchestrator/dist/index.js': '{ createHybridLoginMachine, runHybridLogin, submitEvent }',
      [pingFederate]: '{ createPingFederateClient }',
      [pingOne]: '{ createPingOneClient }',
    },
    modifyEsbuildConfig: browser,
    limit: '28.7 kB',
  },
  {
    name: '@redirectless/core (errors, as apps import them)',
    path: 'packages/core/dist/index.js',
    import: '{ isRedirectlessError, RedirectlessError, ErrorCodes }',
    modifyEsbuildConfig: browser,
    limit: '1.6 kB',
  },
  {
    name: '@redirectless/pingone/webauthn (browser FIDO2 helpers)',
    path: 'packages/pingone/dist/webauthn/index.js',
    import: '{ getAssertion }',
    modifyEsbuildConfig: browser,
    limit: '2.9 kB',
  },
  {
    name: '@redirectless/core/cookies (Node only, informative)',
    path: 'packages/core/dist/cookies.js',
    import: '{ toughCookieJar }',
    modifyEsbuildConfig: node,
  },
  {
    name: '@redirectless/emulator (Node only, informative)',
    path: 'packages/emulator/dist/index.js',
    import: '{ createEmulator, startEmulator }',
    modifyEsbuildConfig: node,
  },
]
