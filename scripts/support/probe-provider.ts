// Before a billing run: is the Toss Pay host (live, or the sandbox inside the dev server) there
// at all? Against nothing, every charge would be sent into the void and stay "unknown" until a
// later run reconciles it, which reads like a stuck engine rather than a wrong address.

/**
 * null when `baseUrl` answers HTTP at all (any status), else why it could not be reached. The
 * wait is long because `next dev` compiles the sandbox route on its first request; nothing
 * listening is refused at once.
 */
export async function probeProvider(baseUrl: string, timeoutMs = 60_000): Promise<string | null> {
  try {
    const response = await fetch(baseUrl, {
      method: "GET",
      redirect: "manual",
      signal: AbortSignal.timeout(timeoutMs),
    });
    await response.body?.cancel();
    return null;
  } catch (error) {
    if (error instanceof Error && error.name === "TimeoutError") {
      return `no answer within ${timeoutMs / 1000}s`;
    }
    // undici puts the socket error (ECONNREFUSED, ENOTFOUND) in `cause`.
    const cause = error instanceof Error ? (error.cause as { code?: string } | undefined) : null;
    return cause?.code ?? (error instanceof Error ? error.message : String(error));
  }
}
