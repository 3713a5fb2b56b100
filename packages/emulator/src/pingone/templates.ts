import type { NotificationTemplateConfig, NotificationTexts } from './config.js'

/** The `pi.template` claim of a request JWT (contract §2.3). */
export interface PiTemplate {
  readonly name: string
  readonly variant?: string
  readonly variables: Readonly<Record<string, unknown>>
}

/** The template used when the request carries no `pi.template`. */
export const DEFAULT_TEMPLATE = 'strong_authentication'

/** The texts of `name` (and `variant`, falling back to the template's own texts), or undefined for an unknown name. */
export function templateTexts(
  templates: Readonly<Record<string, NotificationTemplateConfig>>,
  name: string,
  variant?: string,
): NotificationTexts | undefined {
  const template = templates[name]
  if (!template) return undefined
  const chosen = variant === undefined ? undefined : template.variants?.[variant]
  return { otp: chosen?.otp ?? template.otp, push: chosen?.push ?? template.push }
}

/**
 * Substitutes `${name}` placeholders. Unknown names are left as written, so a missing variable shows
 * in the text instead of vanishing silently.
 */
export function renderText(text: string, variables: Readonly<Record<string, unknown>>): string {
  return text.replace(/\$\{([^}]+)\}/g, (whole, name: string) => {
    const value = variables[name.trim()]
    if (value === undefined || value === null) return whole
    return typeof value === 'object' ? JSON.stringify(value) : String(value)
  })
}
