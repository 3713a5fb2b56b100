import { readFile } from 'node:fs/promises'
import { Hono } from 'hono'

/** The page's files, next to this one: plain HTML, a script and a style sheet, no build step. */
const FILES: Readonly<Record<string, { readonly file: string; readonly type: string }>> = {
  '/': { file: 'page.html', type: 'text/html; charset=utf-8' },
  '/page.js': { file: 'page.js', type: 'text/javascript; charset=utf-8' },
  '/page.css': { file: 'page.css', type: 'text/css; charset=utf-8' },
}

/**
 * The sign-in page the BFF serves itself, so it shares the BFF's origin (its cookies are
 * `SameSite=Strict`, its JSON routes same-origin only). The page only ever sees what the routes
 * answer: statuses, actions and the screen model, never a token.
 */
export function pageRoutes(): Hono {
  const page = new Hono()
  for (const [path, { file, type }] of Object.entries(FILES)) {
    page.get(path, async (c) => {
      const body = await readFile(new URL(file, import.meta.url))
      return c.body(body, 200, {
        'content-type': type,
        'cache-control': 'no-store',
        // Only this origin's own script and style sheet; no framing (clickjacking a sign-in form).
        'content-security-policy':
          "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'",
        'x-content-type-options': 'nosniff',
      })
    })
  }
  return page
}
