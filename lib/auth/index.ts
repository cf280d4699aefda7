import "server-only";
import NextAuth from "next-auth";
import { cache } from "react";
import { authConfig } from "./config";

const nextAuth = NextAuth(() => authConfig());

export const { handlers, signIn, signOut } = nextAuth;

// One session lookup per request, however many components ask.
export const auth = cache(nextAuth.auth);
