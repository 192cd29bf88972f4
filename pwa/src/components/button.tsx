import type { ComponentChildren, TargetedMouseEvent } from "preact";
import { navigate } from "../router";

/** primary, secondary; danger (cannot be undone); quiet (small, in a list); inline (in a sentence). */
type Variant = "primary" | "secondary" | "danger" | "quiet" | "inline";

interface ButtonProps {
  children: ComponentChildren;
  type?: "button" | "submit";
  variant?: Variant;
  /** Busy: the button stays focusable but does nothing, and says what is happening. */
  busy?: boolean;
  busyLabel?: string;
  onClick?: () => void;
}

export function Button({
  children,
  type = "button",
  variant = "primary",
  busy = false,
  busyLabel,
  onClick,
}: ButtonProps) {
  const handleClick = (event: TargetedMouseEvent<HTMLButtonElement>) => {
    if (busy) {
      event.preventDefault();
      return;
    }
    onClick?.();
  };
  return (
    <button
      type={type}
      class={`btn btn-${variant}`}
      aria-disabled={busy ? "true" : undefined}
      onClick={handleClick}
    >
      {busy && busyLabel ? busyLabel : children}
    </button>
  );
}

interface ButtonLinkProps {
  href: string;
  children: ComponentChildren;
  variant?: Variant;
}

/** A link to another screen that looks like a button (it navigates, so it is a link). */
export function ButtonLink({ href, children, variant = "primary" }: ButtonLinkProps) {
  return (
    <AppLink href={href} class={`btn btn-${variant}`}>
      {children}
    </AppLink>
  );
}

interface AppLinkProps {
  href: string;
  children: ComponentChildren;
  class?: string;
}

/** A link inside the app: no page load, but a real href for new tabs and screen readers. */
export function AppLink({ href, children, class: className }: AppLinkProps) {
  const handleClick = (event: TargetedMouseEvent<HTMLAnchorElement>) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) {
      return;
    }
    event.preventDefault();
    navigate(href);
  };
  return (
    <a href={href} class={className} onClick={handleClick}>
      {children}
    </a>
  );
}
