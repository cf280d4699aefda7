// A dynamic page with no database: what rendering on every request costs by itself.
export const dynamic = "force-dynamic";

export default function BareDynamicPage() {
  return (
    <main>
      <h1>안녕하세요</h1>
      <p>{new Date().toISOString()}</p>
    </main>
  );
}
