// Who did something: a person (a customer, an admin) or the system (the billing run, a
// provider's callback). One type for the whole app; subscription_events.actor stores it as
// text ("system", "customer:<userId>", "admin:<userId>", "provider:<name>") and audit_log as a
// user id (null for the system and providers, which say who they are in `after.actor`).

export type Actor =
  | { kind: "system" }
  | { kind: "customer"; userId: string }
  // `ip`: the request's client address, recorded in the audit log.
  | { kind: "admin"; userId: string; ip?: string | null }
  | { kind: "provider"; provider: string };

/** The stored form (subscription_events.actor). */
export type ActorString =
  "system" | `customer:${string}` | `admin:${string}` | `provider:${string}`;

export const SYSTEM_ACTOR: Actor = { kind: "system" };

export function customerActor(userId: string): Actor {
  return { kind: "customer", userId };
}

/** The signed-in admin as the admin pages pass it: user id (requireAdmin) and client address. */
export type SignedInAdmin = { userId: string; ip?: string | null };

export function adminActor(admin: SignedInAdmin): Actor {
  return { kind: "admin", userId: admin.userId, ip: admin.ip ?? null };
}

export function formatActor(actor: Actor): ActorString {
  switch (actor.kind) {
    case "system":
      return "system";
    case "customer":
      return `customer:${actor.userId}`;
    case "admin":
      return `admin:${actor.userId}`;
    case "provider":
      return `provider:${actor.provider}`;
  }
}

/** The stored form back; null for text that is none of the four (never written by this app). */
export function parseActor(value: string): Actor | null {
  if (value === "system") return SYSTEM_ACTOR;
  const match = /^(customer|admin|provider):(.+)$/.exec(value);
  if (!match?.[2]) return null;
  const rest = match[2];
  switch (match[1]) {
    case "customer":
      return { kind: "customer", userId: rest };
    case "admin":
      return { kind: "admin", userId: rest };
    default:
      return { kind: "provider", provider: rest };
  }
}

/** The user behind the action, for audit_log.actor_user_id and consent rows; null for the system. */
export function actorUserId(actor: Actor): string | null {
  return actor.kind === "customer" || actor.kind === "admin" ? actor.userId : null;
}
