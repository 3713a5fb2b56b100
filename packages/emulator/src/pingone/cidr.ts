/** Whether `ip` (IPv4 or IPv6 text) falls in any of the CIDR ranges; unparsable input never matches. */
export function ipInRanges(ip: string, ranges: readonly string[]): boolean {
  const address = parseIp(ip)
  if (!address) return false
  return ranges.some((range) => {
    const [base, bits] = range.split('/')
    const network = parseIp(base ?? '')
    if (!network || network.length !== address.length) return false
    const prefix = bits === undefined ? network.length * 8 : Number(bits)
    if (!Number.isInteger(prefix) || prefix < 0 || prefix > network.length * 8) return false
    return samePrefix(address, network, prefix)
  })
}

function samePrefix(a: Uint8Array, b: Uint8Array, prefix: number): boolean {
  for (let bit = 0; bit < prefix; bit += 8) {
    const take = Math.min(8, prefix - bit)
    const mask = (0xff << (8 - take)) & 0xff
    const i = bit / 8
    if (((a[i] ?? 0) & mask) !== ((b[i] ?? 0) & mask)) return false
  }
  return true
}

/** The address as 4 or 16 bytes. An IPv4-mapped IPv6 address (`::ffff:a.b.c.d`) counts as IPv4. */
function parseIp(text: string): Uint8Array | undefined {
  const ip = text.trim().replace(/^\[|\]$/g, '')
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip)
  if (mapped?.[1]) return parseIpv4(mapped[1])
  return ip.includes(':') ? parseIpv6(ip) : parseIpv4(ip)
}

function parseIpv4(ip: string): Uint8Array | undefined {
  const parts = ip.split('.')
  if (parts.length !== 4) return undefined
  const bytes = parts.map((p) => (/^\d{1,3}$/.test(p) ? Number(p) : Number.NaN))
  if (bytes.some((b) => !(b >= 0 && b <= 255))) return undefined
  return Uint8Array.from(bytes)
}

function parseIpv6(ip: string): Uint8Array | undefined {
  const halves = ip.split('::')
  if (halves.length > 2) return undefined
  const groups = (part: string | undefined) => (part ? part.split(':') : [])
  const head = groups(halves[0])
  const tail = groups(halves[1])
  const missing = 8 - head.length - tail.length
  if (halves.length === 1 ? missing !== 0 : missing < 1) return undefined
  const all = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...tail]
  const out = new Uint8Array(16)
  for (const [i, group] of all.entries()) {
    if (!/^[0-9a-f]{1,4}$/i.test(group)) return undefined
    const value = Number.parseInt(group, 16)
    out[i * 2] = value >> 8
    out[i * 2 + 1] = value & 0xff
  }
  return out
}
