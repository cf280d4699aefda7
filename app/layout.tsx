import type { Metadata, Viewport } from "next";
// Pretendard, subset from the npm package by scripts/subset-pretendard.ts (no font download at
// build time; Chromium on these machines has no Korean font, so text would render as boxes):
// the UI's characters, preloaded, then slices for other text. See app/fonts/pretendard.ts.
import { pretendard } from "./fonts/pretendard";
import "./fonts/pretendard-extended.css";
import "./globals.css";

// Each route group's layout says how its pages render: per request where proxy.ts's CSP nonce
// goes on the scripts (every group but app/(public), whose pages are served from Next's cache
// with hashed scripts instead); unmatched addresses render app/not-found.tsx per request
// through app/[...unmatched].

export const metadata: Metadata = {
  title: { default: "구독 스토어", template: "%s | 구독 스토어" },
  description: "토스페이 자동결제로 간편하게 구독하세요.",
  icons: { icon: "/icon.svg" },
};

export const viewport: Viewport = {
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#f8f9fb" },
    { media: "(prefers-color-scheme: dark)", color: "#111318" },
  ],
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="ko" className={pretendard.variable}>
      <body className="flex min-h-dvh flex-col font-sans">{children}</body>
    </html>
  );
}
