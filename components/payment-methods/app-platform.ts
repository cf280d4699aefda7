// Which Toss app link suits the visitor's device, from the User-Agent. Only a hint for which
// button to show first: every page also offers the plain web link as a fallback.
export type AppPlatform = "android" | "ios" | "other_mobile" | "desktop";

export function detectAppPlatform(userAgent: string | null | undefined): AppPlatform {
  const ua = userAgent ?? "";
  if (/android/i.test(ua)) return "android";
  // iPadOS 13+ reports a Mac desktop UA; those visitors get the QR code and can tap
  // "이 기기에서 열기", which works on every device.
  if (/iphone|ipad|ipod/i.test(ua)) return "ios";
  if (/mobile|windows phone|opera mini/i.test(ua)) return "other_mobile";
  return "desktop";
}
