// Starts Ping's widget in redirectless mode as its docs/redirectless.md shows, with the settings the
// test put in `?config=`, and records what it renders and how it ends for the test to read.
;(() => {
  const config = JSON.parse(new URLSearchParams(location.search).get('config') ?? '{}')
  const harness = { screens: [], outcome: undefined }
  window.__harness = harness

  // The UMD bundle exposes the class itself or, depending on the build, a module with `default`.
  const Widget = window.PfAuthnWidget?.default ?? window.PfAuthnWidget
  if (typeof Widget !== 'function') {
    harness.screens.push({ status: 'HARNESS_ERROR', message: 'PfAuthnWidget is not loaded' })
    return
  }

  // Every screen goes through `render` (the store's listener is bound to it in the constructor, so
  // the prototype is patched before construction) or, for errors, `generalErrorRenderer`.
  const render = Widget.prototype.render
  Widget.prototype.render = function (prevState, state) {
    harness.screens.push({ status: state?.status ?? 'NO_STATUS', at: Date.now() })
    return render.call(this, prevState, state)
  }
  const generalError = Widget.prototype.generalErrorRenderer
  Widget.prototype.generalErrorRenderer = function (msg) {
    harness.screens.push({ status: 'GENERAL_ERROR', message: String(msg), at: Date.now() })
    return generalError.call(this, msg)
  }

  const widget = new Widget(config.baseUrl, {
    divId: 'authnwidget',
    // The default logo is on a CDN; a data URL keeps the page on loopback.
    logo: 'data:image/svg+xml,%3Csvg xmlns="http://www.w3.org/2000/svg" width="120" height="24"%3E%3Ctext y="18"%3Eredirectless%3C/text%3E%3C/svg%3E',
    useActionParam: Boolean(config.useActionParam),
  })
  window.__widget = widget

  const redirectless = {
    ...config.authorize,
    onAuthorizationSuccess: (response) => {
      harness.outcome = { kind: 'success', response }
    },
    onAuthorizationFailed: (state) => {
      harness.outcome = { kind: 'failed', state }
    },
  }
  if (config.cookieless) {
    // The client's flows ride on `_pf_authn_api_state` in a header instead of the PF cookie.
    redirectless.cookieless = true
    redirectless.stateHeaderName = config.stateHeaderName
  }
  if (config.authorizeUrl) {
    // The documented "advanced" start: the app makes the authorization request itself.
    redirectless.onAuthorizationRequest = () =>
      fetch(config.authorizeUrl, { method: 'GET', credentials: 'include' })
  }
  widget.initRedirectless(redirectless)
})()
