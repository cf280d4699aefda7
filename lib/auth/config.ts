import "server-only";
import { DrizzleAdapter } from "@auth/drizzle-adapter";
import { CredentialsSignin, type DefaultSession, type NextAuthConfig } from "next-auth";
import type { Adapter } from "next-auth/adapters";
import Credentials from "next-auth/providers/credentials";
import Kakao from "next-auth/providers/kakao";
import Naver from "next-auth/providers/naver";
import type { Provider } from "next-auth/providers";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { accounts, sessions, userRole, users, verificationTokens } from "@/lib/db/schema";
import { getEnv, type Env } from "@/lib/env";
import { syncAdminRole } from "./admin-emails";
import { DEFAULT_CALLBACK_URL, SIGN_IN_PATH, safeCallbackUrl } from "./callback-url";
import { clientIpFrom } from "./client-ip";
import { deviceTokenFrom } from "./device-cookie";
import { normalizeEmail } from "./email";
import { logAuthError } from "./log-auth-error";
import { rememberDevice } from "./remember-device";
import { sessionStillValid, signedInAtSchema } from "./session-still-valid";
import { authenticateWithPassword, signInSchema, type PasswordSignInFailure } from "./sign-in";
import type { UserRole } from "./user";

declare module "next-auth" {
  // Module augmentation only works with interfaces.
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions
  interface Session {
    user: { id: string; role: UserRole } & DefaultSession["user"];
  }
}

/** Thrown from `authorize` so the sign-in action can tell "wrong" from "wait N seconds". */
export class PasswordSignInError extends CredentialsSignin {
  constructor(readonly failure: PasswordSignInFailure) {
    super();
    // Ends up in the query string when the callback endpoint is called directly; neither value
    // says whether the email exists.
    this.code = failure.reason;
  }
}

export type OAuthProviderId = "kakao" | "naver";

/** Kakao and Naver sign-in, each only when both of its keys are configured. */
export function configuredOAuthProviders(
  env: Env = getEnv(),
): { id: OAuthProviderId; name: string }[] {
  const providers: { id: OAuthProviderId; name: string }[] = [];
  if (env.AUTH_KAKAO_ID && env.AUTH_KAKAO_SECRET) providers.push({ id: "kakao", name: "카카오" });
  if (env.AUTH_NAVER_ID && env.AUTH_NAVER_SECRET) providers.push({ id: "naver", name: "네이버" });
  return providers;
}

function oauthProviders(env: Env): Provider[] {
  const providers: Provider[] = [];
  if (env.AUTH_KAKAO_ID && env.AUTH_KAKAO_SECRET) {
    providers.push(Kakao({ clientId: env.AUTH_KAKAO_ID, clientSecret: env.AUTH_KAKAO_SECRET }));
  }
  if (env.AUTH_NAVER_ID && env.AUTH_NAVER_SECRET) {
    providers.push(Naver({ clientId: env.AUTH_NAVER_ID, clientSecret: env.AUTH_NAVER_SECRET }));
  }
  return providers;
}

// Kakao and Naver return emails as the user typed them; our users.email is lower-case only
// (a check constraint), so the adapter sees normalized addresses in both directions.
function withNormalizedEmails(adapter: Adapter): Adapter {
  const createUser = adapter.createUser?.bind(adapter);
  const getUserByEmail = adapter.getUserByEmail?.bind(adapter);
  return {
    ...adapter,
    ...(createUser && {
      createUser: (user) => createUser({ ...user, email: normalizeEmail(user.email) }),
    }),
    ...(getUserByEmail && {
      getUserByEmail: (email) => getUserByEmail(normalizeEmail(email)),
    }),
  };
}

const credentialsSchema = signInSchema.extend({
  verificationToken: z.string().max(100).optional(),
});

const tokenRoleSchema = z.enum(userRole.enumValues).catch("customer");

/**
 * Built per request (NextAuth accepts a function) so that importing lib/auth never opens the
 * database: `next build` imports every route without one.
 */
export function authConfig(): NextAuthConfig {
  const env = getEnv();
  return {
    adapter: withNormalizedEmails(
      DrizzleAdapter(db(), {
        usersTable: users,
        accountsTable: accounts,
        sessionsTable: sessions,
        verificationTokensTable: verificationTokens,
      }),
    ),
    secret: env.AUTH_SECRET,
    // Vercel and our own dev launcher set the Host header; APP_URL is not required for auth.
    trustHost: true,
    // Credentials sign-in only works with JWT sessions. The token carries the user id; the role
    // in it is a hint for the UI, and guards re-read the role from the database.
    session: { strategy: "jwt", maxAge: 30 * 24 * 60 * 60 },
    pages: { signIn: SIGN_IN_PATH, error: SIGN_IN_PATH },
    providers: [
      Credentials({
        // verificationToken: from /verify-email, which verifies the address and signs in.
        credentials: { email: {}, password: {}, verificationToken: {} },
        async authorize(credentials, request) {
          const parsed = credentialsSchema.safeParse(credentials);
          if (!parsed.success) throw new PasswordSignInError({ ok: false, reason: "invalid" });
          const result = await authenticateWithPassword({
            ...parsed.data,
            clientIp: clientIpFrom(request.headers),
            deviceToken: deviceTokenFrom(request.headers),
          });
          if (!result.ok) throw new PasswordSignInError(result);
          return { id: result.user.id, email: result.user.email, name: result.user.name };
        },
      }),
      ...oauthProviders(env),
    ],
    callbacks: {
      signIn({ user, account }) {
        // Kakao makes the email an optional consent item; without one we cannot create the
        // account (users.email is required), so the sign-in page explains instead.
        if (account?.type === "oauth" || account?.type === "oidc") return Boolean(user.email);
        return true;
      },
      async jwt({ token, user }) {
        // `user` is only present at sign-in: apply ADMIN_EMAILS, remember the role, and mark
        // this browser as one the account signs in from (the sign-in throttle's soft lock).
        if (user?.id) {
          token.role = (await syncAdminRole(db(), user.id)) ?? "customer";
          token.signedInAt = Date.now();
          await rememberDevice(user.id);
          return token;
        }
        // Every later read: null (signed out) once the account ended its sessions after this
        // sign-in (end-all-sessions.ts) or no longer exists. Runs per request with a session
        // cookie, never at build time.
        if (!token.sub) return null;
        const valid = await sessionStillValid(
          db(),
          token.sub,
          signedInAtSchema.parse(token.signedInAt),
        );
        return valid ? token : null;
      },
      session({ session, token }) {
        if (token.sub) session.user.id = token.sub;
        session.user.role = tokenRoleSchema.parse(token.role);
        return session;
      },
      redirect({ url, baseUrl }) {
        const relative = url.startsWith(baseUrl) ? url.slice(baseUrl.length) || "/" : url;
        return `${baseUrl}${safeCallbackUrl(relative, DEFAULT_CALLBACK_URL)}`;
      },
    },
    logger: { error: logAuthError },
  };
}
