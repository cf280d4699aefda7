// Toss writes every timestamp as `yyyy-MM-dd HH:mm:ss` in Korean time (approvalTime,
// processedTs, createdTs…). Korea has no daylight saving time, so a fixed +9 h is exact.
// The sandbox keeps its own formatter rather than lib/format/seoul-date.ts: it emulates
// Toss's wire format, which must stay byte-for-byte what Toss sends even if the app's own
// display of Seoul times changes (and the emulator imports nothing of the app above lib/db).
const KST_OFFSET_MS = 9 * 60 * 60 * 1000;

export function formatKst(date: Date): string {
  return new Date(date.getTime() + KST_OFFSET_MS).toISOString().slice(0, 19).replace("T", " ");
}
