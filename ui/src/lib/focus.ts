// Keeping keyboard focus where a person expects it: inside an open dialog or panel, and somewhere
// useful (never the bare page) after the thing that held it goes away.

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

function focusables(node: HTMLElement): HTMLElement[] {
  return [...node.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((element) => element.getClientRects().length > 0);
}

/** A Svelte action: Tab and Shift+Tab go round the controls inside `node`, never out of it. */
export function trapFocus(node: HTMLElement) {
  function onKey(event: KeyboardEvent) {
    if (event.key !== "Tab") return;
    const inside = focusables(node);
    if (inside.length === 0) {
      event.preventDefault();
      node.focus();
      return;
    }
    const first = inside[0];
    const last = inside[inside.length - 1];
    const active = document.activeElement;
    if (event.shiftKey && (active === first || active === node)) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && active === last) {
      event.preventDefault();
      first.focus();
    }
  }
  node.addEventListener("keydown", onKey);
  return { destroy: () => node.removeEventListener("keydown", onKey) };
}

/** When focus has fallen to the page (its holder went away), gives it to the screen shown. */
export function rescueFocus() {
  const active = document.activeElement;
  if (active && active !== document.body && active.isConnected) return;
  document.querySelector<HTMLElement>("main")?.focus();
}
