// Forms whose unsaved changes leaving would lose (those without a draft, such as Settings) ask
// first; the question itself is shown by ConfirmDialog.
import { onDestroy } from "svelte";

const dirtyChecks = new Set<() => boolean>();

export const question = $state({
  message: null as string | null,
  confirmLabel: "",
  answer: null as ((confirmed: boolean) => void) | null,
});

/** Asks before the window leaves this form while `isDirty()`; call while a component is set up. */
export function guardLeaving(isDirty: () => boolean) {
  dirtyChecks.add(isDirty);
  onDestroy(() => dirtyChecks.delete(isDirty));
}

/** Whether a shown form holds changes that leaving it would lose. */
export function somethingUnsaved(): boolean {
  return [...dirtyChecks].some((isDirty) => isDirty());
}

/** Asks a yes-or-no question in the window; resolves `true` when the person confirms. */
export function ask(message: string, confirmLabel: string): Promise<boolean> {
  question.answer?.(false);
  return new Promise((resolve) => {
    question.message = message;
    question.confirmLabel = confirmLabel;
    question.answer = (confirmed) => {
      question.message = null;
      question.answer = null;
      resolve(confirmed);
    };
  });
}
