import { type ReactNode, useEffect, useRef } from 'react'

/**
 * One screen: a heading that takes the focus when the screen appears (so a keyboard or screen
 * reader user lands on the new step), unless the screen focuses its first field itself (`focusTitle: false`).
 */
export function Screen(props: {
  readonly title: string
  readonly children: ReactNode
  readonly focusTitle?: boolean
}) {
  const heading = useRef<HTMLHeadingElement>(null)
  const focusTitle = props.focusTitle ?? true
  useEffect(() => {
    if (focusTitle) heading.current?.focus()
  }, [focusTitle])
  return (
    <section className="screen" aria-labelledby="screen-title">
      <h1 id="screen-title" ref={heading} tabIndex={-1}>
        {props.title}
      </h1>
      {props.children}
    </section>
  )
}

/** An error where it happened, announced at once. */
export function ErrorNote(props: { readonly id?: string; readonly message: string | undefined }) {
  if (!props.message) return null
  return (
    <p className="error" role="alert" id={props.id}>
      {props.message}
    </p>
  )
}

/** A spinner with words: the words are what a screen reader says, politely, when it appears. */
export function Spinner(props: { readonly label: string }) {
  return (
    <p className="waiting" role="status">
      <span className="spinner" aria-hidden="true" />
      {props.label}
    </p>
  )
}
