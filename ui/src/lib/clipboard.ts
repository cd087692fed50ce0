// Copying text for the team: the clipboard plugin may only write (the window never reads the
// clipboard), and its code is fetched on the first copy rather than at start-up.
import { notify, showError } from "./toasts.svelte";

/** Puts `text` on the clipboard and says that `what` is ready to paste. */
export async function copyForTheTeam(text: string, what: string) {
  try {
    const { writeText } = await import("@tauri-apps/plugin-clipboard-manager");
    await writeText(text);
    notify(`${what} copied: paste it into chat or e-mail.`);
  } catch (error) {
    showError(error);
  }
}
