import { buttonClasses } from "@/components/ui/button";
import type { CheckoutLinks } from "@/lib/db/schema";
import type { AppPlatform } from "./app-platform";

const linkClasses = "font-bold text-primary underline underline-offset-4 hover:no-underline";

/**
 * Where the customer approves in the Toss app. On a computer: a QR code of the web link to scan
 * with a phone, and "이 기기에서 열기" for a computer that has no Toss app (the sandbox's app
 * screen opens in this browser). On a phone: a button with the link for its system (Android
 * intent, iOS universal link) and the web link as the fallback, "브라우저에서 열기" (on the phone
 * itself "이 기기" would not say which way it goes).
 * Toss says the link formats may change (docs/providers.md §1.4.1), so they are used as given.
 */
export function TossAppLinks({
  platform,
  links,
  qrSvg,
}: {
  platform: AppPlatform;
  links: CheckoutLinks;
  /** SVG markup of the web link's QR code, generated on the server (desktop only). */
  qrSvg: string | null;
}) {
  if (platform === "desktop" && qrSvg) {
    return (
      <div className="grid items-center gap-6 sm:grid-cols-[auto_1fr]">
        <figure className="mx-auto space-y-2 text-center sm:mx-0">
          {/* Dark modules on white whatever the colour scheme: scanners need the contrast. */}
          <div
            role="img"
            aria-label="토스 앱 등록 링크 QR 코드"
            className="size-48 rounded-xl border border-border bg-white p-2 [&_svg]:size-full"
            dangerouslySetInnerHTML={{ __html: qrSvg }}
          />
          <figcaption className="text-xs text-muted">휴대폰 카메라로 찍어 주세요</figcaption>
        </figure>
        <div className="space-y-4">
          <ol className="list-decimal space-y-1.5 pl-5 text-sm leading-relaxed">
            <li>휴대폰 카메라나 토스 앱으로 QR 코드를 찍어요.</li>
            <li>토스 앱에서 카드나 계좌를 고르고 승인해요.</li>
            <li>승인하면 이 화면이 저절로 다음 단계로 넘어가요.</li>
          </ol>
          <div className="space-y-1.5">
            <a href={links.web} className={buttonClasses({ variant: "secondary" })}>
              이 기기에서 열기
            </a>
            <p className="text-xs text-muted">QR 코드를 찍기 어렵다면 이 브라우저에서 열어요.</p>
          </div>
        </div>
      </div>
    );
  }

  const appLink =
    platform === "android" ? links.android : platform === "ios" ? links.ios : undefined;
  return (
    <div className="space-y-4">
      <ol className="list-decimal space-y-1.5 pl-5 text-sm leading-relaxed">
        <li>아래 버튼을 눌러 토스 앱을 열어요.</li>
        <li>카드나 계좌를 고르고 승인해요.</li>
        <li>이 화면으로 돌아오면 결과를 보여드려요.</li>
      </ol>
      <a href={appLink ?? links.web} className={buttonClasses({ size: "lg", fullWidth: true })}>
        토스 앱에서 등록하기
      </a>
      <p className="text-center text-sm text-muted">
        토스 앱이 열리지 않나요?{" "}
        <a href={links.web} className={linkClasses}>
          브라우저에서 열기
        </a>
      </p>
    </div>
  );
}
