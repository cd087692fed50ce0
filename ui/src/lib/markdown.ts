// Rendered Markdown in the window: links are shown as links but never followed, so nothing a
// journal holds can navigate the app away.
export function keepLinksInert(event: MouseEvent) {
  if (event.target instanceof Element && event.target.closest("a")) event.preventDefault();
}
