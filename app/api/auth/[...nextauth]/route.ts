// Auth.js endpoints: OAuth redirects and callbacks, session, CSRF token, sign-out.
import { handlers } from "@/lib/auth";

export const { GET, POST } = handlers;
