/**
 * Runs `work` over the items of `source` with at most `concurrency` in flight. The source may be
 * an async iterator that fetches more items as they are pulled (the billing run claims its next
 * batch that way); pulls are serialised by the iterator, so no item is handed out twice.
 *
 * `work` should handle its own errors. If it throws anyway (or the source does), no further item
 * is pulled, and the returned promise rejects with the first error only once every item already
 * handed out has finished: the caller's cleanup (the billing run hands back its leases and its
 * provider slots) must not run under work that is still charging.
 */
export async function runConcurrently<T>(
  source: AsyncIterator<T> | Iterable<T>,
  concurrency: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  const iterator: AsyncIterator<T> | Iterator<T> =
    Symbol.iterator in source ? source[Symbol.iterator]() : source;
  let failed = false;
  let firstError: unknown;
  const worker = async () => {
    while (!failed) {
      try {
        const next = await iterator.next();
        if (next.done) return;
        // An item pulled while another worker failed is still done: the source may have
        // committed to it (the billing run has claimed it and recorded its attempt).
        await work(next.value);
      } catch (error) {
        if (!failed) firstError = error;
        failed = true;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.floor(concurrency)) }, worker));
  if (failed) throw firstError;
}
