import "server-only";
import NextAuth from "next-auth";
import { authConfig } from "./config";

const nextAuth = NextAuth(() => authConfig());

// Reading the session is not done with Auth.js's auth(): lib/auth/read-session.ts says why.
export const { handlers, signIn, signOut } = nextAuth;
