// A static page: prerendered at build time, as Next serves a page with no dynamic data.
export default function BarePage() {
  return (
    <main>
      <h1>안녕하세요</h1>
      <p>Next.js 기본 페이지예요.</p>
    </main>
  );
}
