import type { Metadata } from "next";
import { HomeAndLink } from "@/components/site/home-and-link";
import { StatusPage } from "@/components/site/status-page";

export const metadata: Metadata = { title: "접근 권한이 없어요" };

// Rendered by forbidden() (requireAdmin for a signed-in customer) with a 403 status.
export default function Forbidden() {
  return (
    <StatusPage
      code="403"
      title="접근 권한이 없어요"
      description="이 페이지는 관리자만 볼 수 있어요. 관리자 계정으로 로그인했는지 확인해 주세요."
      actions={<HomeAndLink href="/account" label="내 구독" />}
    />
  );
}
