/**
 * A real `redis-server` for the tests that need one (Debian's package: `apt-get install -y
 * redis-server`; `.ci/run` installs it when missing). Each caller gets its own server on a unix
 * socket in a temporary directory: nothing on the network, nothing persisted, nothing shared.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export interface RedisServer {
  /** The unix socket to connect to (`createClient({ socket: { path } })`). */
  readonly socket: string
  close(): Promise<void>
}

const BINARY = process.env.REDIS_SERVER ?? 'redis-server'

export async function startRedis(): Promise<RedisServer> {
  if (spawnSync(BINARY, ['--version']).error) {
    throw new Error(
      `${BINARY} is not installed: these tests need a real Redis (Debian: apt-get install -y redis-server; .ci/run installs it)`,
    )
  }
  const dir = mkdtempSync(join(tmpdir(), 'redirectless-redis-'))
  const socket = join(dir, 'redis.sock')
  const child: ChildProcess = spawn(
    BINARY,
    [
      '--port',
      '0',
      '--unixsocket',
      socket,
      '--unixsocketperm',
      '700',
      '--save',
      '',
      '--appendonly',
      'no',
      '--dir',
      dir,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  )
  await new Promise<void>((resolve, reject) => {
    let out = ''
    const timer = setTimeout(() => reject(new Error(`redis-server did not start: ${out}`)), 10_000)
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString()
      if (/ready to accept connections/i.test(out)) {
        clearTimeout(timer)
        resolve()
      }
    })
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`redis-server exited (${code}): ${out}`))
    })
  })
  return {
    socket,
    close: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve))
        child.kill('SIGTERM')
        await exited
      }
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
