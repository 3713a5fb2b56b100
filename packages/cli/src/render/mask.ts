/**
 * Where a code went, shown without showing it all: `•••01` for a phone, `jo•••@example.com` for an
 * address. Takes the emulator's plain target or PingOne's own masked form (`*********01`).
 */
export function maskTarget(target: string | undefined): string {
  if (!target) return '•••'
  const at = target.indexOf('@')
  if (at > 0) {
    const local = target.slice(0, at).replace(/\*+$/, '')
    return `${local.slice(0, 2)}•••${target.slice(at)}`
  }
  const digits = target.replace(/\D/g, '')
  return `•••${digits.slice(-2)}`
}
