#!/usr/bin/env node
// The `redirectless` binary. tsdown keeps the line above and marks dist/bin.js executable.
import { main } from './main.js'

// The first Ctrl-C asks the command to stop cleanly (cancel the flow, close the emulator); a
// second one, for a command stuck in its clean-up, ends the process at once.
const interrupt = new AbortController()
process.on('SIGINT', () => {
  if (interrupt.signal.aborted) process.exit(130)
  interrupt.abort()
})

const code = await main(process.argv.slice(2), {
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  interrupt: interrupt.signal,
})
// Exit explicitly: a prompt library or a keep-alive socket must not keep a finished command alive.
// On Linux, writes to pipes, files and terminals are synchronous, so nothing printed is lost.
process.exit(code)
