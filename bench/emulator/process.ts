/**
 * The emulator in a process of its own, so the client's CPU is the benchmark process's CPU. Prints
 * one JSON line `{ type: 'ready', target, pid }` once both halves listen on loopback; then answers
 * each `cpu` line on stdin with `{ type: 'cpu', usage }`, and exits when stdin closes.
 *
 * Usage: node --conditions=@redirectless/source --import tsx bench/emulator/process.ts [generatedUsers]
 */
import { createInterface } from 'node:readline'
import { startEmulator } from '@redirectless/emulator'
import { targetOf } from './target.js'
import { loadUserOptions } from './users.js'

const users = Number(process.argv[2] ?? 0)
const emu = await startEmulator({
  host: '127.0.0.1',
  ...loadUserOptions(Number.isInteger(users) ? users : 0),
})
const say = (message: unknown) => process.stdout.write(`${JSON.stringify(message)}\n`)
say({ type: 'ready', target: targetOf(emu), pid: process.pid })

const lines = createInterface({ input: process.stdin })
lines.on('line', (line) => {
  if (line.trim() === 'cpu') say({ type: 'cpu', usage: process.cpuUsage() })
})
lines.on('close', () => {
  void emu.close().finally(() => process.exit(0))
})
