import type { Metadata, Viewport } from "next";
// Pretendard, subset from the npm package by scripts/subset-pretendard.ts (no font download at
// build time; Chromium on these machines has no Korean font, so text would render as boxes):
// the UI's characters, preloaded, then slices for other text. See app/fonts/pretendard.ts.
import { pretendard } from "./fonts/pretendard";
import "./fonts/pretendard-extended.css";
import "./globals.css";

// Every page renders per request, the 404 page included: Next puts proxy.ts's per-request CSP
// nonce on its scripts while rendering, so a page prerendered at build time would carry scripts
// without it, and the browser would refuse them.
export const dynamic = "force-dynamic";

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
