import { describe, expect, it } from 'vitest'
import { displayUrl, redactText } from '../../src/index.js'

describe('redactText', () => {
  it.each([
    ['a JWT', 'token eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxIn0.sig-nature_x end', 'token [redacted-jwt] end'],
    ['an unsigned JWT', 'eyJhbGciOiJub25lIn0.eyJzdWIiOiIxIn0.', '[redacted-jwt]'],
    [
      'a bearer credential',
      'Authorization: Bearer 2YotnFZFEjr1zCsicMWpAA',
      'Authorization: Bearer [redacted]',
    ],
    ['a basic credential', 'Basic cmVkaXJlY3RsZXNzOnNlY3JldA==', 'Basic [redacted]'],
    [
      'query secrets',
      'code=abc&state=x&client_secret=s3',
      'code=[redacted]&state=x&client_secret=[redacted]',
    ],
    ['a cookie', 'PF=abcdef; Path=/', 'PF=[redacted]; Path=/'],
    [
      'JSON secrets',
      '{"username":"joe","password":"2FederateM0re"}',
      '{"username":"joe","password":"[redacted]"}',
    ],
  ])('removes %s', (_, input, output) => {
    expect(redactText(input)).toBe(output)
  })

  it('leaves plain text alone', () => {
    expect(redactText('One or more validation errors occurred.')).toBe(
      'One or more validation errors occurred.',
    )
  })
})

describe('displayUrl', () => {
  it('shows origin and path, never the query', () => {
    expect(
      displayUrl('https://pf.example:9031/as/authorization.oauth2?login_hint_token=eyJ.x.y&state=s'),
    ).toBe('https://pf.example:9031/as/authorization.oauth2')
    expect(displayUrl('not a url')).toBe('[unparseable url]')
  })
})
