import type { ReactNode } from "react";

/** Full-page message for 404, 403 and errors: these render outside the store's header. */
export function StatusPage({
  code,
  title,
  description,
  actions,
}: {
  code: string;
  title: string;
  description: ReactNode;
  actions: ReactNode;
}) {
  return (
    <main id="main" className="flex flex-1 items-center justify-center px-4 py-16">
      <div className="w-full max-w-md space-y-4 text-center">
        <p className="text-sm font-bold text-primary">{code}</p>
        <h1 className="text-2xl font-bold tracking-tight sm:text-3xl">{title}</h1>
        <div className="leading-relaxed text-muted">{description}</div>
        <div className="flex flex-wrap justify-center gap-3 pt-4">{actions}</div>
      </div>
    </main>
  );
}
