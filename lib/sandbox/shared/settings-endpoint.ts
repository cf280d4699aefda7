import type { z } from "zod";
import { SettingsError } from "./fault-settings";
import { readJsonObject } from "./json-body";
import { jsonResponse } from "./json-response";

// GET / PUT {base}/_sandbox/settings of any sandbox: read the switches, or change some of them
// (JSON; null restores a default). Errors are plain `{ error }` JSON: this is a developer tool,
// not the provider's API, so it does not pretend to be in the provider's envelope.

export async function settingsEndpoint<View, Update>(
  request: Request,
  options: {
    load: () => Promise<View>;
    update: z.ZodType<Update>;
    save: (update: Update) => Promise<View>;
    /** Makes the change take effect in this process at once (the runtime's cached settings). */
    adopt: (view: View) => void;
    invalidBody: () => Error;
  },
): Promise<Response> {
  if (request.method === "GET") return jsonResponse(await options.load());
  const parsed = options.update.safeParse(await readJsonObject(request, options.invalidBody));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return jsonResponse(
      { error: `${issue?.path.join(".") ?? ""}: ${issue?.message ?? "invalid"}` },
      400,
    );
  }
  try {
    const view = await options.save(parsed.data);
    options.adopt(view);
    return jsonResponse(view);
  } catch (error) {
    if (error instanceof SettingsError) return jsonResponse({ error: error.message }, 400);
    throw error;
  }
}
