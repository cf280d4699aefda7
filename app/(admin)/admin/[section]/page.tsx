import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { findAdminSection } from "@/components/admin/admin-sections";
import { ButtonLink } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requireAdmin } from "@/lib/auth/guards";

// "준비 중" for admin sections that do not have their own page yet. A static route such as
// app/(admin)/admin/plans/page.tsx wins over this one as soon as it exists.

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ section: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const section = findAdminSection((await params).section);
  return { title: section?.label ?? "찾을 수 없음" };
}

export default async function AdminSectionPlaceholder({ params }: Props) {
  const { section: slug } = await params;
  await requireAdmin({ callbackUrl: `/admin/${encodeURIComponent(slug)}` });
  const section = findAdminSection(slug);
  if (!section) notFound();

  return (
    <div className="space-y-8">
      <PageHeader title={section.label} />
      <EmptyState
        title="준비 중이에요"
        description={`${section.label} 화면은 다음 단계에서 만들어져요.`}
        action={
          <ButtonLink href="/admin" variant="secondary">
            대시보드로 돌아가기
          </ButtonLink>
        }
      />
    </div>
  );
}
