// Who may use a sandbox's developer tools ({base}/_sandbox/**) when it is mounted in the app.
// They list every billing key in full and switch faults for every customer: on anything but a
// developer's own machine (`next dev`) — a public demo store, the e2e build, a preview
// deployment — only a signed-in admin may use them. Shared by every mounted sandbox.
import { requireAdminApi } from "@/lib/auth/guards";
import { signInPath } from "@/lib/auth/callback-url";
import { getEnv } from "@/lib/env";
import { type ToolsBrand, refuseTools } from "@/lib/sandbox/shared/tools-refusal";

export function sandboxToolsAuthorizer(brand: ToolsBrand) {
  return async function authorizeTools(request: Request): Promise<Response | null> {
    if (getEnv().NODE_ENV === "development") return null;
    const admin = await requireAdminApi();
    if (!(admin instanceof Response)) return null;
    await admin.body?.cancel();
    const url = new URL(request.url);
    return refuseTools(brand, request, admin.status === 401 ? 401 : 403, {
      signInUrl: signInPath(`${url.pathname}${url.search}`),
    });
  };
}
