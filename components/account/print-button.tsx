"use client";

import { Button } from "@/components/ui/button";

/** Opens the browser's print dialog (인쇄 or PDF로 저장). */
export function PrintButton() {
  return (
    <Button variant="secondary" onClick={() => window.print()}>
      인쇄하기
    </Button>
  );
}
