// WebKitGTK paints an empty date field with today's date in grey, which reads as a chosen date.
// Every date and time field carries `data-empty` while it holds nothing, and app.css hides the
// stand-in digits then (they show again while the field is being filled).

function mark(field: Element) {
  if (field instanceof HTMLInputElement && (field.type === "date" || field.type === "time")) {
    field.dataset.empty = String(field.value === "");
  }
}

/** Keeps `data-empty` true on every empty date and time field in the page, now and to come. */
export function markEmptyDateFields() {
  const markEvent = (event: Event) => event.target instanceof Element && mark(event.target);
  for (const kind of ["input", "change", "focusout"]) document.addEventListener(kind, markEvent, true);
  new MutationObserver((changes) => {
    for (const change of changes) {
      for (const node of change.addedNodes) {
        if (!(node instanceof Element)) continue;
        mark(node);
        node.querySelectorAll('input[type="date"], input[type="time"]').forEach(mark);
      }
    }
  }).observe(document.body, { childList: true, subtree: true });
}
