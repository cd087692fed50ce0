// Formatters made once, when first used: WebKit builds a new one for every toLocale…String call,
// and making one reads the locale's data, which start-up need not wait for when no screen shown yet
// uses it.

/** `make()`'s value, made at the first call and kept. */
export function madeOnFirstUse<T>(make: () => T): () => T {
  let made: T | undefined;
  return () => (made ??= make());
}
