// The admin area's sections, in sidebar order; each slug is a page under app/(admin)/admin/.
export const ADMIN_SECTIONS = [
  { slug: "", label: "대시보드" },
  { slug: "plans", label: "요금제" },
  { slug: "subscribers", label: "구독자" },
  { slug: "charges", label: "결제" },
  { slug: "refunds", label: "환불" },
  { slug: "events", label: "이벤트" },
  { slug: "notifications", label: "알림" },
  { slug: "audit", label: "감사 로그" },
  { slug: "settings", label: "설정" },
] as const;

export type AdminSection = (typeof ADMIN_SECTIONS)[number];

export function adminSectionHref(section: AdminSection): string {
  return section.slug ? `/admin/${section.slug}` : "/admin";
}
