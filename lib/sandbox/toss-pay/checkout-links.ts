// Where a billing key's checkout links lead: the sandbox's own Toss app screen. Toss's real
// links are an AppsFlyer onelink (checkoutUri), an Android `intent://` and an iOS universal
// link, all of which only the Toss app can open; "the URI formats may change" (docs/providers.md
// §1.4.1), so clients must treat them as opaque. Here all three open the same page in any
// browser, with `platform` marking which link was used.

export type CheckoutPlatform = "web" | "android" | "ios";

export function checkoutLink(baseUrl: string, token: string, platform: CheckoutPlatform): string {
  const url = new URL(`${baseUrl}/payfront/billing`);
  url.searchParams.set("token", token);
  if (platform !== "web") url.searchParams.set("platform", platform);
  return url.toString();
}

/** The receipt (매출전표) link of a card approval, in the shape of Toss's own sales-check URL. */
export function salesCheckLink(baseUrl: string, payToken: string, transactionId: string): string {
  const url = new URL(`${baseUrl}/payfront/web/external/sales-check`);
  url.searchParams.set("payToken", payToken);
  url.searchParams.set("transactionId", transactionId);
  return url.toString();
}
