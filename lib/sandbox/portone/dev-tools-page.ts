import { jsonResponse } from "@/lib/sandbox/shared/json-response";
import type { PortOneContext } from "./context";
import type { Overview } from "./dev-tools";
import type { SettingsView } from "./settings";

export function toolsPage(_ctx: PortOneContext, data: Overview, _settings: SettingsView): Response {
  return jsonResponse(data);
}
