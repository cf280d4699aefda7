/** Runs `fn` with at most `size` calls through the returned limiter in progress at once. */
export type Limit = <T>(fn: () => Promise<T>) => Promise<T>;

export function createLimit(size: number): Limit {
  let active = 0;
  const waiting: (() => void)[] = [];
  return async (fn) => {
    if (active < size) active += 1;
    // A finishing call hands its slot straight to the first waiter.
    else await new Promise<void>((resolve) => waiting.push(resolve));
    try {
      return await fn();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else active -= 1;
    }
  };
}
