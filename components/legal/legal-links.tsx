import Link from "next/link";
import {
  LEGAL_DOCUMENT_KINDS,
  LEGAL_DOCUMENT_PATHS,
  LEGAL_DOCUMENT_TITLES,
} from "@/lib/legal/document-kinds";
import { cx } from "@/components/ui/cx";

/** 이용약관 · 개인정보처리방침 · 환불 정책: the footer and the checkout link all three. */
export function LegalLinks({
  className,
  label = "약관 및 정책",
}: {
  className?: string;
  label?: string;
}) {
  return (
    <nav aria-label={label} className={cx("text-sm", className)}>
      <ul className="flex flex-wrap items-center gap-x-1 gap-y-1">
        {LEGAL_DOCUMENT_KINDS.map((kind, index) => (
          <li key={kind} className="flex items-center gap-x-1">
            {index > 0 && (
              <span aria-hidden="true" className="text-muted">
                ·
              </span>
            )}
            <Link
              href={LEGAL_DOCUMENT_PATHS[kind]}
              className={cx(
                "inline-flex min-h-touch items-center underline-offset-4 hover:underline",
                // 개인정보처리방침 in bold: the 개인정보 보호법 guidance asks for it to stand out.
                kind === "privacy" ? "font-bold text-foreground" : "text-foreground/80",
              )}
            >
              {LEGAL_DOCUMENT_TITLES[kind]}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
