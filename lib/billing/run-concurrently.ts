/**
 * Runs `work` over the items of `source` with at most `concurrency` in flight. The source may be
 * an async iterator that fetches more items as they are pulled (the billing run claims its next
 * batch that way); pulls are serialised by the iterator, so no item is handed out twice.
 * `work` must handle its own errors.
 */
export async function runConcurrently<T>(
  source: AsyncIterator<T> | Iterable<T>,
  concurrency: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  const iterator: AsyncIterator<T> | Iterator<T> =
    Symbol.iterator in source ? source[Symbol.iterator]() : source;
  const worker = async () => {
    for (;;) {
      const next = await iterator.next();
      if (next.done) return;
      await work(next.value);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.floor(concurrency)) }, worker));
}
