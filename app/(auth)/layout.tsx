import type { ReactNode } from "react";

// Sign-in and sign-up: one centred card, the same on a 360px phone and a desktop.
export default function AuthLayout({ children }: { children: ReactNode }) {
  return (
    <main id="main" className="flex flex-1 justify-center px-4 py-10 sm:py-16">
      {children}
    </main>
  );
}
