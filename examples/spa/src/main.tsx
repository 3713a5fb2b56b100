import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App.js'
import { loadConfig } from './config.js'
import { createSpaLoginMachine } from './login.js'
import './styles.css'

const root = createRoot(document.getElementById('root') as HTMLElement)
try {
  const machine = createSpaLoginMachine(await loadConfig())
  root.render(
    <StrictMode>
      <App machine={machine} />
    </StrictMode>,
  )
} catch (error) {
  root.render(
    <p role="alert" className="error">
      {error instanceof Error ? error.message : 'The sign-in page could not start'}
    </p>,
  )
}
