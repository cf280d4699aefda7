import "server-only";
import { forbidden, redirect } from "next/navigation";
import { cache } from "react";
import { AppError, toErrorBody, toHttpStatus } from "@/lib/errors";
import { signInPath } from "./callback-url";
import { currentSessionUser } from "./read-session";
import type { CurrentUser } from "./user";

// Authorization for pages, server actions and route handlers. proxy.ts only redirects
// optimistically on the presence of a session cookie; these are the checks that count. The
// role is read from the database on every request, so demoting an admin takes effect at once
// instead of when their 30-day token expires, and a deleted user's token stops working.

/** The signed-in user, or null (read-session.ts). Cached for the request. */
export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => currentSessionUser());

/**
 * For pages and server actions: the signed-in user, or a redirect to the sign-in page that
 * returns to `callbackUrl` (the page's own path; server components do not know their URL).
 */
export async function requireUser(options: { callbackUrl?: string } = {}): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) redirect(signInPath(options.callbackUrl));
  return user;
}

// An admin is a user with the admin role AND a verified address. Promotion (ADMIN_EMAILS)
// already waits for verification; checking here too means a role set any other way (a
// hand-edited row, a future code path) still needs the mailbox proven before /admin opens.
function isAdmin(user: CurrentUser): boolean {
  return user.role === "admin" && user.emailVerified !== null;
}

/** Like requireUser, and a 403 page (Next's forbidden()) for signed-in non-admins. */
export async function requireAdmin(options: { callbackUrl?: string } = {}): Promise<CurrentUser> {
  const user = await requireUser(options);
  if (!isAdmin(user)) forbidden();
  return user;
}

// Route handlers answer with JSON instead of redirecting. They return either the user or the
// response to send, so a handler reads:
//   const user = await requireAdminApi();
//   if (user instanceof Response) return user;

function apiError(error: AppError): Response {
  return Response.json(toErrorBody(error), { status: toHttpStatus(error) });
}

export async function requireUserApi(): Promise<CurrentUser | Response> {
  const user = await getCurrentUser();
  return user ?? apiError(new AppError("unauthenticated", "Sign in first."));
}

export async function requireAdminApi(): Promise<CurrentUser | Response> {
  const user = await requireUserApi();
  if (user instanceof Response || isAdmin(user)) return user;
  return apiError(new AppError("forbidden", "This endpoint is for admins only."));
}
