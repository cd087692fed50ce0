// Short messages at the bottom of the window: confirmations with an action, and errors.
export interface Toast {
  id: number;
  message: string;
  tone: "info" | "error";
  action?: { label: string; run: () => void };
}

let next = 1;
export const toasts = $state<Toast[]>([]);

/** The last action labelled Undo: Ctrl+Z runs it, also after its toast has gone. */
let lastUndo: (() => void) | null = null;

export function dismiss(id: number) {
  const index = toasts.findIndex((t) => t.id === id);
  if (index >= 0) toasts.splice(index, 1);
}

export function notify(message: string, options: { tone?: Toast["tone"]; action?: Toast["action"]; ms?: number } = {}) {
  const toast: Toast = { id: next++, message, tone: options.tone ?? "info", action: options.action };
  toasts.push(toast);
  if (toast.action?.label === "Undo") lastUndo = toast.action.run;
  setTimeout(() => dismiss(toast.id), options.ms ?? (toast.tone === "error" ? 10000 : 8000));
  return toast.id;
}

/** Runs a toast's action once: its button and Ctrl+Z cannot both run it. */
export function runAction(toast: Toast) {
  dismiss(toast.id);
  if (!toast.action) return;
  if (lastUndo === toast.action.run) lastUndo = null;
  toast.action.run();
}

/** Undoes the last undoable action (Ctrl+Z); `false` when there is none. */
export function undoLast(): boolean {
  const undo = lastUndo;
  if (!undo) return false;
  lastUndo = null;
  const showing = toasts.find((t) => t.action?.run === undo);
  if (showing) dismiss(showing.id);
  undo();
  return true;
}

/** Shows a failed call's message; errors are never swallowed. */
export function showError(error: unknown) {
  notify(error instanceof Error ? error.message : String(error), { tone: "error" });
}
