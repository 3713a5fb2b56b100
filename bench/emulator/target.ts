import type { Emulator } from '@redirectless/emulator'

/** Where the logins under test go: the emulator's public coordinates, the same in-process or in a child. */
export interface Target {
  readonly pingFederate: { readonly baseUrl: string; readonly issuer: string; readonly clientId: string }
  readonly pingOne: {
    readonly authBaseUrl: string
    readonly environmentId: string
    readonly issuer: string
    readonly clientId: string
    readonly clientSecret: string
    readonly loginHintIssuer: { readonly clientId: string; readonly secret: string }
    readonly mfaOnlyAcrValues: string
  }
}

export function targetOf(emu: Emulator): Target {
  return {
    pingFederate: {
      baseUrl: emu.pingFederate.baseUrl,
      issuer: emu.pingFederate.issuer,
      clientId: emu.pingFederate.clientId,
    },
    pingOne: {
      authBaseUrl: emu.pingOne.authBaseUrl,
      environmentId: emu.pingOne.environmentId,
      issuer: emu.pingOne.issuer,
      clientId: emu.pingOne.clientId,
      clientSecret: emu.pingOne.clientSecret,
      loginHintIssuer: emu.pingOne.loginHintIssuer,
      mfaOnlyAcrValues: emu.pingOne.mfaOnlyAcrValues,
    },
  }
}
