import type { PaymentMethod } from "@/lib/db/schema";

/** The Toss app link of a pending Toss Pay registration (the web link the sandbox opens). */
export function appLinkOf(method: Pick<PaymentMethod, "checkoutLinks">): string {
  const links = method.checkoutLinks;
  if (!links || "kind" in links) throw new Error("not a Toss Pay registration with app links");
  return links.web;
}
