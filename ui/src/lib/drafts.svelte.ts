// Drafts: every form keeps what is typed in it in the journal (see `Store::draft`), under a key
// naming the form, so that a tab, a period, a screen switch or a restart loses no word. One
// mechanism for every form: the form says what its key is, how to read its fields and how to put a
// draft back; this saves as it is typed, restores when the key changes, and says so quietly.
import { onDestroy } from "svelte";
import { api } from "./api";
import { notify, showError } from "./toasts.svelte";

/** How long typing pauses before the draft is written. */
const SAVE_AFTER_MS = 400;

export interface DraftOptions<T> {
  /** The draft's key; `null` while the form shows nothing to keep (e.g. before it has loaded). */
  key: () => string | null;
  /** The form's fields as they are now. */
  read: () => T;
  /** Puts a kept draft back into the form. */
  restore: (value: T) => void;
  /** Whether `value` holds nothing worth keeping. */
  isEmpty: (value: T) => boolean;
}

export interface Draft {
  /** Forgets the draft (the form was saved or its changes thrown away). */
  discard: () => void;
  /** Whether what the form holds now is kept (written to the journal). */
  readonly kept: boolean;
}

/** Keeps a form's draft; call while a component is being set up. */
export function keepDraft<T>(options: DraftOptions<T>): Draft {
  /** The key whose kept draft has been looked at: only then may the form's fields replace it. */
  let loadedKey = $state<string | null>(null);
  let pending: { key: string; text: string | null } | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let kept = $state(false);
  let writes = 0;

  function write(key: string, text: string | null) {
    const done = text === null ? api.discardDraft(key) : api.saveDraft(key, text);
    const write = ++writes;
    done.then(() => {
      if (write === writes && !pending) kept = text !== null;
    }, showError);
  }

  function flush() {
    clearTimeout(timer);
    if (pending) write(pending.key, pending.text);
    pending = null;
  }

  // A new key (another period, another entry): what was typed under the old one is written at
  // once, and the new one's draft, if any, comes back.
  $effect(() => {
    const key = options.key();
    flush();
    loadedKey = null;
    kept = false;
    if (key === null) return;
    let stale = false;
    api.getDraft(key).then(
      (text) => {
        if (stale) return;
        if (text !== null && options.isEmpty(options.read())) {
          try {
            options.restore(JSON.parse(text) as T);
            notify("Draft restored", { ms: 3000 });
          } catch {
            // A draft this version cannot read is left alone rather than shown wrong.
          }
        }
        loadedKey = key;
      },
      (error) => {
        showError(error);
        loadedKey = key;
      },
    );
    return () => {
      stale = true;
    };
  });

  // Typing: the fields are written a moment after the last key.
  $effect(() => {
    const key = options.key();
    const value = options.read();
    const text = options.isEmpty(value) ? null : JSON.stringify(value);
    if (key === null || loadedKey !== key) return;
    pending = { key, text };
    kept = false;
    clearTimeout(timer);
    timer = setTimeout(flush, SAVE_AFTER_MS);
  });

  onDestroy(flush);
  // The window closing is a last chance to write what was typed in the last moment.
  $effect(() => {
    window.addEventListener("pagehide", flush);
    return () => window.removeEventListener("pagehide", flush);
  });

  return {
    get kept() {
      return kept;
    },
    discard() {
      clearTimeout(timer);
      pending = null;
      const key = options.key();
      if (key !== null) write(key, null);
    },
  };
}
