// The BFF example's sign-in page: plain DOM, no framework, no build. It asks the BFF's routes for
// each step and draws what they answer ({ phase, stage, status, actions, model, error }); it never
// sees a token, a Ping cookie or a secret. Text from the server is set as text, never as HTML.

const main = document.getElementById('screen')

/** Sentences for the reasons this page knows; anything else falls back to the server's user text. */
const REASONS = {
  CREDENTIAL_VALIDATION_FAILED: 'That username and password do not match. Try again.',
  INVALID_OTP: 'That code is not right. Check it and try again.',
  OTP_LOCKED: 'Too many wrong codes. Start over in a few minutes.',
  PUSH_DENIED: 'The sign-in was denied on your phone.',
  NO_USABLE_DEVICES: 'You have no device to verify with. Contact your administrator.',
}
const BY_CODE = {
  NETWORK_ERROR: 'The server could not be reached. Check your connection.',
  TIMEOUT: 'The server took too long to answer.',
  FLOW_EXPIRED: 'This sign-in took too long and expired. Start over.',
  NO_LOGIN: 'This sign-in is over. Start a new one.',
  TOO_LARGE: 'That was too long.',
}
const DEVICE_NAMES = {
  SMS: 'Text message',
  VOICE: 'Voice call',
  EMAIL: 'Email',
  TOTP: 'Authenticator app',
  MOBILE: 'Push notification',
  FIDO2: 'Security key',
}

function describeError(error, model) {
  if (!error) return undefined
  const detail = error.server?.details?.[0]
  const failed = model?.status === 'FAILED' ? (model.error?.code ?? model.code) : undefined
  const reason = detail?.code ?? failed ?? error.server?.code
  if (reason && REASONS[reason]) return REASONS[reason]
  return (
    detail?.userMessage ?? error.server?.userMessage ?? BY_CODE[error.code] ?? 'That did not work. Try again.'
  )
}

/** An element with attributes (`on…` are listeners) and children (strings become text). */
function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag)
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === false) continue
    if (name.startsWith('on')) element.addEventListener(name.slice(2), value)
    else element.setAttribute(name, value === true ? '' : String(value))
  }
  element.append(...children.filter((child) => child !== undefined && child !== null))
  return element
}

const spinner = (label) =>
  h('p', { class: 'waiting', role: 'status' }, h('span', { class: 'spinner', 'aria-hidden': 'true' }), label)
const errorNote = (message, id) =>
  message ? h('p', { class: 'error', role: 'alert', id }, message) : undefined

/** Replaces the screen; the focus goes to `focus` (a field) or to the new title. */
function show(title, children, focus) {
  const heading = h('h1', { tabindex: '-1' }, title)
  main.replaceChildren(h('section', {}, heading, ...children))
  ;(focus ?? heading).focus()
}

/** While a request runs: its form disabled, a spinner under it. */
function busy(form, label) {
  form.querySelector('fieldset')?.setAttribute('disabled', '')
  form.append(spinner(label))
}

/** POSTs to a route of the BFF; a network failure is an answer like any other. */
async function call(path, body, signal) {
  try {
    const response = await fetch(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      signal,
    })
    return await response.json()
  } catch (error) {
    if (signal?.aborted) return undefined
    return { phase: 'failed', error: { code: error?.name === 'SyntaxError' ? 'INTERNAL' : 'NETWORK_ERROR' } }
  }
}

let waiting // the AbortController of the push wait under way, if any
let lastUsername = '' // to fill the form in again after a refusal; the password is never kept

async function step(path, body) {
  render(await call(path, body))
}

function render(view) {
  if (!view) return
  const error = describeError(view.error, view.model)
  if (view.phase === 'done') return signedIn(view.user)
  if (view.error?.code === 'NO_LOGIN') return ended('Sign-in failed', error)
  if (view.error?.code === 'CONFLICT') return setTimeout(() => step('/login/wait'), 300)
  if (view.phase === 'failed') return ended('Sign-in failed', error ?? 'The sign-in did not complete.')
  if (view.phase === 'canceled') return ended('Sign-in cancelled')
  if (view.phase === 'error') return retryable(error)
  const { stage, status, model } = view
  if (stage === 'pingFederate' && status === 'USERNAME_PASSWORD_REQUIRED') return signIn(error)
  if (stage === 'pingOne' && status === 'DEVICE_SELECTION_REQUIRED') return devices(model, error)
  if (stage === 'pingOne' && status === 'OTP_REQUIRED') return otp(model, error)
  if (stage === 'pingOne' && status === 'PUSH_CONFIRMATION_REQUIRED') return push(error)
  show('This step is not supported here', [
    h('p', {}, `The server asked for ${status ?? 'a step'}, which this page does not handle.`),
    h('button', { type: 'button', onclick: cancel }, 'Cancel sign-in'),
  ])
}

function signIn(error) {
  const username = h('input', { id: 'username', name: 'username', autocomplete: 'username', required: true })
  const password = h('input', {
    id: 'password',
    name: 'password',
    type: 'password',
    autocomplete: 'current-password',
    required: true,
    'aria-invalid': error ? 'true' : undefined,
    'aria-describedby': error ? 'sign-in-error' : undefined,
  })
  username.value = lastUsername
  const form = h(
    'form',
    {
      onsubmit: (event) => {
        event.preventDefault()
        lastUsername = username.value.trim()
        const body = { username: username.value.trim(), password: password.value }
        busy(form, 'Checking your password…')
        step('/login/submit', { action: 'checkUsernamePassword', body })
      },
    },
    h(
      'fieldset',
      {},
      h('label', { for: 'username' }, 'Username'),
      username,
      h('label', { for: 'password' }, 'Password'),
      password,
      errorNote(error, 'sign-in-error'),
      h('button', { type: 'submit' }, 'Sign in'),
    ),
  )
  show('Sign in', [form], error && username.value ? password : username)
}

function devices(model, error) {
  const list = (model?._embedded?.devices ?? []).map((device) => {
    const name = DEVICE_NAMES[device.type] ?? device.type
    const detail = device.nickname ?? device.phone ?? device.email
    const label = detail ? `${name}: ${detail}` : name
    const button = h('button', { type: 'button' }, label)
    button.addEventListener('click', () => {
      for (const b of main.querySelectorAll('button')) b.disabled = true
      main.append(spinner('Contacting your device…'))
      step('/login/submit', { action: 'device.select', body: { device: { id: device.id } } })
    })
    return h('li', {}, button)
  })
  show("Verify it's you", [
    h('p', {}, 'Choose how to confirm your sign-in.'),
    h('ul', { class: 'devices' }, ...list),
    errorNote(error),
    h('button', { type: 'button', class: 'secondary', onclick: cancel }, 'Cancel sign-in'),
  ])
}

function otp(model, error) {
  const field = h('input', {
    id: 'otp',
    name: 'otp',
    inputmode: 'numeric',
    autocomplete: 'one-time-code',
    pattern: '[0-9]{6,10}',
    required: true,
    'aria-invalid': error ? 'true' : undefined,
    'aria-describedby': error ? 'otp-error' : undefined,
  })
  const id = model?.selectedDevice?.id
  const device = (model?._embedded?.devices ?? []).find((d) => d.id === id)
  const to = device?.phone ?? device?.email
  const form = h(
    'form',
    {
      onsubmit: (event) => {
        event.preventDefault()
        busy(form, 'Checking your code…')
        step('/login/submit', { action: 'otp.check', body: { otp: field.value.trim() } })
      },
    },
    h(
      'fieldset',
      {},
      h('label', { for: 'otp' }, 'One-time code'),
      field,
      errorNote(error, 'otp-error'),
      h('button', { type: 'submit' }, 'Verify'),
      h('button', { type: 'button', class: 'secondary', onclick: cancel }, 'Cancel sign-in'),
    ),
  )
  show('Enter your code', [to ? h('p', {}, `We sent a code to ${to}.`) : undefined, form], field)
}

/** A push is pending: long-poll `/login/wait` until it is answered, or the person cancels. */
function push(error) {
  show('Check your phone', [
    spinner('Waiting for you to approve the sign-in on your phone…'),
    errorNote(error),
    h('button', { type: 'button', class: 'secondary', onclick: cancel }, 'Cancel sign-in'),
  ])
  const controller = new AbortController()
  waiting = controller
  call('/login/wait', undefined, controller.signal).then((next) => {
    if (waiting === controller) render(next)
  })
}

/**
 * CANCEL. A push wait may hold the login on the server for a while (one step at a time): the
 * cancel is asked again until the login is free, for as long as one wait can last.
 */
async function cancel() {
  waiting?.abort()
  waiting = undefined
  show('Cancelling…', [spinner('Cancelling your sign-in…')])
  for (let attempt = 0; attempt < 100; attempt++) {
    const view = await call('/login/cancel')
    if (view?.error?.code !== 'CONFLICT') return render(view)
    await new Promise((resolve) => setTimeout(resolve, 300))
  }
  ended('Sign-in failed', 'The sign-in could not be cancelled. Start over.')
}

function retryable(error) {
  show('Something went wrong', [
    errorNote(error),
    h('button', { type: 'button', onclick: () => step('/login/retry') }, 'Try again'),
    h('button', { type: 'button', class: 'secondary', onclick: cancel }, 'Cancel sign-in'),
  ])
}

function ended(title, error) {
  show(title, [errorNote(error), h('button', { type: 'button', onclick: start }, 'Start over')])
}

function signedIn(user) {
  show(`Welcome, ${user?.sub ?? 'you'}`, [
    h('dl', {}, h('dt', {}, 'PingOne policy'), h('dd', {}, user?.acr ?? 'no second factor')),
    h('button', { type: 'button', onclick: start }, 'Sign in again'),
  ])
}

function start() {
  step('/login/start')
}

start()
