// The journal's tags and people, as completion and filters offer them: each list is read once per
// journal revision and only when something first asks for it (a field gets focus, a filter shows),
// so opening a screen never waits on lists no one has typed into yet — on a large journal counting
// the tags is the slowest read a screen would otherwise make at mount.
import { untrack } from "svelte";
import { api, type PersonCount, type TagCount } from "./api";
import { view } from "./navigation.svelte";
import { showError } from "./toasts.svelte";

/** One list kept fresh by `want()`; `items` is empty until the first read answers. */
class KnownList<T> {
  items = $state<T[]>([]);
  private readAt = -1;

  constructor(private read: () => Promise<T[]>) {}

  /**
   * Reads the list unless it was read at the journal's current revision. It tracks nothing: a
   * focus handler runs it inside whatever effect moved the focus (Today's capture box focusing
   * itself), and that effect must not rerun on every journal change. An effect that should read
   * again after a change names `view.revision` itself.
   */
  want() {
    const revision = untrack(() => view.revision);
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
