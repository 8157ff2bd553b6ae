/**
 * Real sheets repeat the same answers ("Dana Lee", "escalate to CEO") down thousands of rows,
 * and the judges are pure: remember the last few thousand results. The cache is bounded so a
 * sheet of unique answers cannot grow it without limit.
 */
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
