import type { ReactNode } from "react";
import { Card } from "@/components/ui/card";

/** The card the sign-in and sign-up pages share: heading, lead, form, and a footer link. */
export function AuthPanel({
  title,
  description,
  children,
  footer,
}: {
  title: string;
  description?: ReactNode;
  children: ReactNode;
  footer?: ReactNode;
}) {
  return (
    <div className="mx-auto w-full max-w-md">
      <Card className="space-y-6 px-5 py-7 xs:px-6 sm:px-8 sm:py-9">
        <header className="space-y-2">
          <h1 className="text-2xl font-bold tracking-tight">{title}</h1>
          {description && <p className="text-base leading-relaxed text-muted">{description}</p>}
        </header>
        {children}
      </Card>
      {footer && <p className="mt-6 text-center text-sm text-muted">{footer}</p>}
    </div>
  );
}
