/**
 * Real sheets repeat the same answers ("Dana Lee", "escalate to CEO") down thousands of rows,
 * and the judges are pure: remember the last few thousand results. The cache is bounded so a
 * sheet of unique answers cannot grow it without limit.
 */
/** Freezes a verdict and its lists of findings, so a shared cached verdict cannot change. */
export function freezeVerdict<T extends { reasons: readonly object[]; warnings?: readonly object[] }>(v: T): T {
  for (const f of v.reasons) Object.freeze(f);
  for (const f of v.warnings ?? []) Object.freeze(f);
  Object.freeze(v.reasons);
  if (v.warnings) Object.freeze(v.warnings);
  return Object.freeze(v);
}

export function memoize<R>(fn: (key: string) => R, limit = 10_000): (key: string) => R {
  const cache = new Map<string, R>();
  return (key: string) => {
    const hit = cache.get(key);
    if (hit !== undefined) return hit;
    const result = fn(key);
    if (cache.size >= limit) cache.clear();
    cache.set(key, result);
    return result;
  };
}
