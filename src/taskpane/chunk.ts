/**
 * A chunk of the pane fetched once, on first use: the promise is kept, and dropped again when
 * the fetch fails, so that the next call tries again (a dropped connection is no lasting error).
 */
export function chunk<T>(fetch: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | null = null;
  return () => {
    loading ??= fetch().catch((e: unknown) => {
      loading = null;
      throw e;
    });
    return loading;
  };
}
