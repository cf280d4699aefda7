import { adminActor, formatActor, type ActorString, type SignedInAdmin } from "@/lib/audit/actor";

// Who performs an admin mutation: the signed-in admin (lib/audit/actor.ts SignedInAdmin), turned
// into the app's one Actor type wherever it is recorded.
export type AdminActor = SignedInAdmin;

export { adminActor as asActor };

/** The stored actor of subscription_events and the billing engine: "admin:<userId>". */
export function actorString(admin: AdminActor): ActorString {
  return formatActor(adminActor(admin));
}
