import { z } from "zod";

// Response fields as Toss's APIs (Toss Pay, Toss Payments) really send them: a field may be
// null or absent, a number may come as a digit string and a code as a number. Each reads to
// one type or undefined, so the mapping code never sees null. Requests stay strict
// (each provider's schemas.ts).

/** Money as a JSON number or a digit string ("150000", "-2000"); null/absent → undefined. */
export const money = z
  .union([
    z.number().int(),
    z
      .string()
      .trim()
      .regex(/^-?\d+$/),
  ])
  .transform(Number)
  .nullish()
  .transform((v) => v ?? undefined);

/** A string field that may arrive as a number (e.g. accountBankCode 88). */
export const str = z
  .union([z.string(), z.number()])
  .transform(String)
  .nullish()
  .transform((v) => v ?? undefined);
