import { cx } from "@/components/ui/cx";

export type OAuthButtonProvider = { id: "kakao" | "naver"; name: string };

// Brand colours from Kakao's and Naver's login button guidelines; users recognise them.
const BRAND: Record<OAuthButtonProvider["id"], string> = {
  kakao: "bg-[#FEE500] text-[#191919] hover:bg-[#F5DC00]",
  naver: "bg-[#03C75A] text-white hover:bg-[#02B350]",
};

/** One POST form per provider, so sign-in starts without client JavaScript. */
export function OAuthButtons({
  providers,
  action,
  callbackUrl,
}: {
  providers: OAuthButtonProvider[];
  action: (formData: FormData) => Promise<void>;
  callbackUrl: string;
}) {
  if (providers.length === 0) return null;
  return (
    <div className="space-y-3">
      <div className="flex items-center gap-3 text-sm text-muted" aria-hidden="true">
        <span className="h-px flex-1 bg-border" />
        또는
        <span className="h-px flex-1 bg-border" />
      </div>
      {providers.map((provider) => (
        <form key={provider.id} action={action}>
          <input type="hidden" name="provider" value={provider.id} />
          <input type="hidden" name="callbackUrl" value={callbackUrl} />
          <button
            type="submit"
            className={cx(
              "inline-flex min-h-12 w-full items-center justify-center rounded-lg px-6 text-base font-bold transition-colors",
              BRAND[provider.id],
            )}
          >
            {provider.name}로 계속하기
          </button>
        </form>
      ))}
    </div>
  );
}
