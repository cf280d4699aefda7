// Who performs an admin mutation: the signed-in admin's user id (from requireAdmin), and the
// client address when the request has one, both written to the audit log.
export type AdminActor = { userId: string; ip?: string | null };

/** The actor string of subscription_events and the billing engine: "admin:<userId>". */
export function actorString(admin: AdminActor): string {
  return `admin:${admin.userId}`;
}
