import type { TemplateContext } from "@/lib/notifications/templates";
import { settleChargeAttempts, type SettleItem, type Settled } from "./settle-charge-attempt";

// Group commit for the billing run's settles. Answers that arrive while a batch is being
// committed wait for the next one, and an answer may wait a little (`lingerMs`) for others, so
// many answers share one transaction. A batch's successes are written with a few multi-row
// statements whatever its size (settle-paid-periods.ts), so the bigger the batch, the less each
// charge costs. If a batch fails, its items are settled one by one, so one bad row cannot hold
// the others back.

export type Settle = (item: SettleItem) => Promise<Settled | null>;

type Pending = SettleItem & {
  queuedAt: number;
  resolve: (value: Settled | null) => void;
  reject: (error: unknown) => void;
};

export function createGroupSettle(options: {
  now: Date;
  maxBatch?: number;
  // Batches committing at the same time, each on its own connection.
  parallel?: number;
  beforeCommit?: () => void;
  // How long an answer may wait for others to share its commit (ms; default 0: at once). A
  // batch is committed as soon as it is full or its oldest answer has waited this long.
  lingerMs?: number;
  // The receipts' business name and contacts, as the run read them at its start (saves a read
  // of the settings row in every batch); without it each batch reads them.
  templateContext?: TemplateContext;
}): Settle {
  const maxBatch = options.maxBatch ?? 64;
  // One by default: a batch's successes now cost a constant number of statements
  // (settle-paid-periods.ts), so a commit is short, and answers waiting behind it make the next
  // batch bigger, i.e. fewer statements per charge (bench:billing: less CPU per charge and no
  // less throughput than two).
  const parallel = options.parallel ?? 1;
  const lingerMs = options.lingerMs ?? 0;
  const queue: Pending[] = [];
  let flushing = 0;
  // Subscriptions in a batch being committed: another answer for one of them waits.
  const busy = new Set<string>();

  function takeBatch(): Pending[] {
    const batch: Pending[] = [];
    const seen = new Set<string>();
    for (let i = 0; i < queue.length && batch.length < maxBatch;) {
      const item = queue[i]!;
      if (seen.has(item.subscriptionId) || busy.has(item.subscriptionId)) {
        i += 1;
        continue;
      }
      seen.add(item.subscriptionId);
      batch.push(item);
      queue.splice(i, 1);
    }
    return batch;
  }

  async function commit(batch: Pending[]) {
    try {
      const settled = await settleChargeAttempts(batch, {
        now: options.now,
        beforeCommit: options.beforeCommit,
        templateContext: options.templateContext,
      });
      batch.forEach((item, i) => item.resolve(settled[i] ?? null));
    } catch {
      for (const item of batch) {
        await settleChargeAttempts([item], {
          now: options.now,
          beforeCommit: options.beforeCommit,
          templateContext: options.templateContext,
        }).then(([one]) => item.resolve(one ?? null), item.reject);
      }
    }
  }

  async function flush() {
    flushing += 1;
    try {
      for (;;) {
        const oldest = queue[0];
        const wait = oldest ? oldest.queuedAt + lingerMs - performance.now() : 0;
        if (wait > 0 && queue.length < maxBatch) {
          await new Promise((resolve) => setTimeout(resolve, wait));
        }
        const batch = takeBatch();
        if (batch.length === 0) return;
        batch.forEach((item) => busy.add(item.subscriptionId));
        try {
          await commit(batch);
        } finally {
          batch.forEach((item) => busy.delete(item.subscriptionId));
        }
      }
    } finally {
      flushing -= 1;
    }
  }

  return (item) =>
    new Promise<Settled | null>((resolve, reject) => {
      queue.push({ ...item, queuedAt: performance.now(), resolve, reject });
      if (flushing < parallel) void flush();
    });
}
