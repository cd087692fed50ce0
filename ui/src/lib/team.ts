// Credits and sharing as the entry screens need them: what a people field's change means to the
// journal, and the nudge to share a win that credits someone.
import { api, type Entry } from "./api";
import { journalChanged } from "./navigation.svelte";
import { notify, showError } from "./toasts.svelte";

/** The journal's key for a person: `Ana  lima` and `ana Lima` are one person. */
export const personKey = (name: string) => name.trim().replace(/\s+/g, " ").toLowerCase();

/** The people to add and to take off for an entry crediting `before` to credit `after`. */
export function peopleChanges(before: string[], after: string[]) {
  const had = new Set(before.map(personKey));
  const has = new Set(after.map(personKey));
  return {
    add_people: after.filter((person) => !had.has(personKey(person))),
    remove_people: before.filter((person) => !has.has(personKey(person))),
  };
}

/** After a private win that credits someone is written: offer to share it, in one click. */
export function suggestSharing(entry: Entry) {
  if (entry.kind !== "win" || entry.shareable || entry.people.length === 0) return;
  notify(`This win credits ${entry.people.join(", ")}: share it to celebrate them in the team digest?`, {
    action: {
      label: "Share",
      run: async () => {
        try {
          await api.editEntry(entry.id, { shareable: true, add_tags: [], remove_tags: [], add_people: [], remove_people: [] });
          journalChanged();
          notify("Shared with the team.");
        } catch (error) {
          showError(error);
        }
      },
    },
  });
}
