import type { Metadata } from "next";
import { HomeAndLink } from "@/components/site/home-and-link";
import { StatusPage } from "@/components/site/status-page";

export const metadata: Metadata = { title: "페이지를 찾을 수 없어요" };

export default function NotFound() {
  return (
    <StatusPage
      code="404"
      title="페이지를 찾을 수 없어요"
      description="주소가 바뀌었거나 더 이상 없는 페이지예요. 입력한 주소를 다시 확인해 주세요."
      actions={<HomeAndLink href="/pricing" label="요금제 보기" />}
    />
  );
}
