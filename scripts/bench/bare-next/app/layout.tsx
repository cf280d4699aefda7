// The bare Next.js reference app the page and HTTP benches measure beside the storefront, in
// the same run, on the same next/react install: the floor any page of ours is compared to.
export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="ko">
      <body>{children}</body>
    </html>
  );
}
