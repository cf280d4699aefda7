import {
  check,
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { textRef, timestamps, timestamptz, writtenAt, zeroCount } from "./columns";
import { sql } from "drizzle-orm";

export const userRole = pgEnum("user_role", ["customer", "admin"]);

// Auth.js adapter tables (https://authjs.dev/getting-started/adapters/drizzle), extended with
// our own columns. Emails are stored lower-cased; the unique index is on the stored value.
export const users = pgTable(
  "users",
  {
    id: text()
      .primaryKey()
      .$defaultFn(() => crypto.randomUUID()),
    name: text(),
    email: text().notNull(),
    emailVerified: timestamp({ withTimezone: true, mode: "date" }),
    image: text(),
    // argon2id PHC string; null for users who only sign in through Kakao/Naver.
    passwordHash: text(),
    role: userRole().notNull().default("customer"),
    // Sessions (JWTs) signed in before this moment are refused (lib/auth/end-all-sessions.ts):
    // a password reset or change, or leaving, signs the account out everywhere. Null: none ended.
    sessionsValidFrom: timestamptz(),
    // When the customer left (lib/account/leave-account.ts): the row stays, anonymised, because
    // the payment, refund and consent records the law keeps for 5 years point at it.
    deletedAt: timestamptz(),
    // Opaque id we give payment providers as their "customer"/userId. Never the email or
    // phone number: docs/providers.md §1.2 limits Toss Pay userId to [A-Za-z0-9_\-:.^@=]{1,50}.
    providerCustomerId: text()
      .notNull()
      .$defaultFn(() => `cus_${crypto.randomUUID().replaceAll("-", "")}`),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex("users_email_key").on(t.email),
    check("users_email_lower_case", sql`${t.email} = lower(${t.email})`),
    uniqueIndex("users_provider_customer_id_key").on(t.providerCustomerId),
    // The admin lists search customers by any part of their email or name (ILIKE '%…%'):
    // trigram indexes (pg_trgm, migration 0004) instead of a scan of every user.
    index("users_email_trgm_idx").using("gin", t.email.op("gin_trgm_ops")),
    index("users_name_trgm_idx").using("gin", t.name.op("gin_trgm_ops")),
  ],
);

export const accounts = pgTable(
  "accounts",
  {
    userId: textRef(() => users.id, "cascade").notNull(),
    type: text().notNull(),
    provider: text().notNull(),
    providerAccountId: text().notNull(),
    refresh_token: text(),
    access_token: text(),
    expires_at: integer(),
    token_type: text(),
    scope: text(),
    id_token: text(),
    session_state: text(),
  },
  (t) => [
    primaryKey({ columns: [t.provider, t.providerAccountId] }),
    index("accounts_user_id_idx").on(t.userId),
  ],
);

export const sessions = pgTable("sessions", {
  sessionToken: text().primaryKey(),
  userId: textRef(() => users.id, "cascade").notNull(),
  expires: timestamp({ withTimezone: true, mode: "date" }).notNull(),
});

export const verificationTokens = pgTable(
  "verification_tokens",
  {
    identifier: text().notNull(),
    token: text().notNull(),
    expires: timestamp({ withTimezone: true, mode: "date" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.identifier, t.token] })],
);

// Failed sign-in counter per (email, client address) bucket. Used to slow down password
// guessing; rows are reset on a successful sign-in and pruned when their window ends.
export const signInThrottles = pgTable(
  "sign_in_throttles",
  {
    key: text().primaryKey(),
    failures: zeroCount(),
    windowStartedAt: writtenAt(),
    blockedUntil: timestamptz(),
  },
  (t) => [index("sign_in_throttles_window_idx").on(t.windowStartedAt)],
);
