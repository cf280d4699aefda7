import type { z } from "zod";
import type { Database } from "@/lib/db/client";
import type { SandboxContext } from "./context";
import type { RuntimeSettings } from "./runtime";
import { SettingsError } from "./fault-settings";
import { readJsonObject } from "./json-body";
import { jsonResponse } from "./json-response";

// GET / PUT {base}/_sandbox/settings of any sandbox: read the switches, or change some of them
// (JSON; null restores a default). Errors are plain `{ error }` JSON: this is a developer tool,
// not the provider's API, so it does not pretend to be in the provider's envelope.

/** A sandbox's settings: how they are read, changed and validated. */
export type SettingsStore<View, Update> = {
  load: (db: Database) => Promise<View>;
  update: z.ZodType<Update>;
  save: (db: Database, update: Update, now: Date) => Promise<View>;
};

export async function settingsEndpoint<View extends RuntimeSettings, Update>(
  request: Request,
  ctx: SandboxContext<View>,
  store: SettingsStore<View, Update>,
  invalidBody: () => Error,
): Promise<Response> {
  if (request.method === "GET") return jsonResponse(await store.load(ctx.db));
  const parsed = store.update.safeParse(await readJsonObject(request, invalidBody));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return jsonResponse(
      { error: `${issue?.path.join(".") ?? ""}: ${issue?.message ?? "invalid"}` },
      400,
    );
  }
  try {
    const view = await store.save(ctx.db, parsed.data, ctx.now);
    // Takes effect in this process at once (the runtime caches settings for a second).
    ctx.runtime.setSettings(view);
    return jsonResponse(view);
  } catch (error) {
    if (error instanceof SettingsError) return jsonResponse({ error: error.message }, 400);
    throw error;
  }
}
