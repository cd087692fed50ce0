// Copying text: the clipboard plugin may only write (the window never reads the clipboard), and its
// code is fetched on the first copy rather than at start-up.
import { notify, showError } from "./toasts.svelte";

/** Puts `text` on the clipboard and says `copied` once it is there. */
export async function copyText(text: string, copied: string) {
  try {
    const { writeText } = await import("@tauri-apps/plugin-clipboard-manager");
    await writeText(text);
    notify(copied);
  } catch (error) {
    showError(error);
  }
}

/** Puts `text` for the team on the clipboard and says that `what` is ready to paste. */
export function copyForTheTeam(text: string, what: string) {
  return copyText(text, `${what} copied: paste it into chat or e-mail.`);
}
