/**
 * Runs `fn` once the limiter lets it, at most its size at a time: what a billing run sends its
 * provider calls through (provider-capacity.ts sizes it by the slots the run holds).
 */
export type Limit = <T>(fn: () => Promise<T>) => Promise<T>;
