// Short messages at the bottom of the window: confirmations with an action, and errors.
export interface Toast {
  id: number;
  message: string;
  tone: "info" | "error";
  action?: { label: string; run: () => void };
}

let next = 1;
export const toasts = $state<Toast[]>([]);

export function dismiss(id: number) {
  const index = toasts.findIndex((t) => t.id === id);
  if (index >= 0) toasts.splice(index, 1);
}

export function notify(message: string, options: { tone?: Toast["tone"]; action?: Toast["action"]; ms?: number } = {}) {
  const toast: Toast = { id: next++, message, tone: options.tone ?? "info", action: options.action };
  toasts.push(toast);
  setTimeout(() => dismiss(toast.id), options.ms ?? (toast.tone === "error" ? 10000 : 8000));
  return toast.id;
}

/** Shows a failed call's message; errors are never swallowed. */
export function showError(error: unknown) {
  notify(error instanceof Error ? error.message : String(error), { tone: "error" });
}
