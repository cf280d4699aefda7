"use client";

import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { BrowserCheckout } from "@/lib/db/schema";
import { openProviderWindow, type OfficialLoader } from "./open-provider-window";

function loadScript(url: string): Promise<void> {
  return new Promise((resolve, reject) => {
    if (document.querySelector(`script[src="${CSS.escape(url)}"]`)) return resolve();
    const script = document.createElement("script");
    script.src = url;
    script.async = true;
    script.onload = () => resolve();
    script.onerror = () => reject(new Error(`could not load ${url}`));
    document.head.append(script);
  });
}

// The official SDKs are loaders (they inject the provider's script and call its global);
// imported on demand so pages without that provider's window never load them.
async function loadWithOfficialLoader(
  loader: OfficialLoader,
  scriptUrl: string,
  firstCallArgs: unknown[],
): Promise<unknown> {
  switch (loader) {
    case "portone-browser-sdk": {
      // @portone/browser-sdk/v2 uses window.PortOne once it exists, so loading scriptUrl first
      // points it at the sandbox's copy; live, scriptUrl is its own CDN script.
      await loadScript(scriptUrl);
      return import("@portone/browser-sdk/v2");
    }
    case "tosspayments-sdk": {
      const { loadTossPayments } = await import("@tosspayments/tosspayments-sdk");
      const [clientKey] = firstCallArgs;
      if (typeof clientKey !== "string") throw new Error("TossPayments needs a client key");
      return loadTossPayments(clientKey, { src: scriptUrl });
    }
  }
}

/** The button that opens a browser-SDK provider's registration window. */
export function ProviderWindow({
  checkout,
  providerLabel,
}: {
  checkout: BrowserCheckout;
  providerLabel: string;
}) {
  const [opening, setOpening] = useState(false);
  const [failed, setFailed] = useState(false);
  const open = async () => {
    setOpening(true);
    setFailed(false);
    try {
      await openProviderWindow(checkout, {
        global: window as unknown as Record<string, unknown>,
        loadScript,
        loadWithOfficialLoader,
        navigate: (url) => window.location.assign(url),
      });
    } catch {
      setFailed(true);
    } finally {
      setOpening(false);
    }
  };
  return (
    <div className="space-y-3">
      <Button type="button" size="lg" onClick={() => void open()} disabled={opening}>
        {opening ? `${providerLabel} 결제창을 여는 중` : `${providerLabel} 결제창 열기`}
      </Button>
      {failed && <Alert tone="warning">결제창을 열지 못했어요. 잠시 후 다시 눌러 주세요.</Alert>}
    </div>
  );
}
