// The journal's tags and people, as completion and filters offer them: each list is read once per
// journal revision and only when something first asks for it (a field gets focus, a filter shows),
// so opening a screen never waits on lists no one has typed into yet — on a large journal counting
// the tags is the slowest read a screen would otherwise make at mount.
import { api, type PersonCount, type TagCount } from "./api";
import { view } from "./navigation.svelte";
import { showError } from "./toasts.svelte";

/** One list kept fresh by `want()`; `items` is empty until the first read answers. */
class KnownList<T> {
  items = $state<T[]>([]);
  private readAt = -1;

  constructor(private read: () => Promise<T[]>) {}

  /** Reads the list unless it was read at the journal's current revision. */
  want() {
    const revision = view.revision;
    if (this.readAt === revision) return;
    this.readAt = revision;
    this.read().then(
      (found) => {
        if (this.readAt === revision) this.items = found;
      },
      (error) => {
        this.readAt = -1;
        showError(error);
      },
    );
  }
}

export const knownTags = new KnownList<TagCount>(api.listTags);
export const knownPeople = new KnownList<PersonCount>(api.listPeople);
