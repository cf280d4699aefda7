export default function HomePage() {
  return <main className="p-8">구독 스토어</main>;
}
