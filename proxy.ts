import { NextResponse, type NextRequest } from "next/server";
import { signInPath } from "@/lib/auth/callback-url";

// An optimistic check only: without a session cookie, /account and /admin send the visitor to
// sign-in straight away instead of rendering a page that would redirect anyway. Whether the
// cookie is valid, and whether its user is an admin, is decided by requireUser()/requireAdmin()
// in each page, action and route handler (lib/auth/guards.ts).

// Auth.js names the cookie with a __Secure- prefix on HTTPS and splits large tokens into
// numbered chunks.
const SESSION_COOKIE = /^(__Secure-)?authjs\.session-token(\.\d+)?$/;

export function proxy(request: NextRequest) {
  const hasSession = request.cookies.getAll().some((cookie) => SESSION_COOKIE.test(cookie.name));
  if (hasSession) return NextResponse.next();
  const { pathname, search } = request.nextUrl;
  return NextResponse.redirect(new URL(signInPath(`${pathname}${search}`), request.url));
}

export const config = {
  matcher: ["/account/:path*", "/admin/:path*"],
};
