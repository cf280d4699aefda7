import { ButtonLink } from "@/components/ui/button-link";

/** The way out of a 403 or 404: home first, then the page that makes sense next. */
export function HomeAndLink({ href, label }: { href: string; label: string }) {
  return (
    <>
      <ButtonLink href="/">홈으로</ButtonLink>
      <ButtonLink href={href} variant="secondary">
        {label}
      </ButtonLink>
    </>
  );
}
