import type { Metadata } from "next";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import QRCode from "qrcode";
import { z } from "zod";
import { detectAppPlatform } from "@/components/payment-methods/app-platform";
import { MethodDetails } from "@/components/payment-methods/method-details";
import { methodChoices, preselectedChoice } from "@/components/payment-methods/method-choices";
import type { RegistrationPurpose } from "@/components/payment-methods/registration-status-schema";
import { RegistrationWaiting } from "@/components/payment-methods/registration-waiting";
import { ProviderWindow } from "@/components/payment-methods/provider-window";
import { TossAppLinks } from "@/components/payment-methods/toss-app-links";
import { Container } from "@/components/ui/container";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/guards";
import { formatPlanPrice, formatSeoulDate } from "@/lib/format";
import { getMerchantSettings } from "@/lib/merchant/get-merchant-settings";
import { getRegistrationStatus } from "@/lib/payment-methods/registration-status";
import { RECURRING_BILLING_CONSENT_TEXT } from "@/lib/payment-methods/start-registration";
import { providerLabel } from "@/lib/payments/registry";
import { findOwnMethod, type MethodSummary } from "@/lib/payment-methods/find-own-method";
import { getAccountOverview, type AccountOverview } from "@/lib/subscriptions/account-overview";
import { db } from "@/lib/db/client";
import { checkoutConsentByChoice } from "@/lib/subscriptions/checkout-consent";
import {
  cancelRegistration,
  confirmPaidStart,
  retryFirstCharge,
  startNewRegistration,
} from "./actions";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "결제수단 등록", robots: { index: false } };

const paramsSchema = z.object({ id: z.uuid() });

/**
 * A registration that began after its subscription had already started (a trial or a paid
 * period) changes the method; any other is the subscription's first link. Trial and period
 * start are set when the first method is activated, i.e. after that method was created.
 */
function purposeOf(
  method: MethodSummary,
  subscription: AccountOverview["subscription"],
): RegistrationPurpose {
  const started = subscription?.trialStart ?? subscription?.currentPeriodStart ?? null;
  return started && started.getTime() < method.createdAt.getTime() ? "change" : "checkout";
}

export default async function PaymentMethodPage({ params }: { params: Promise<{ id: string }> }) {
  const parsed = paramsSchema.safeParse(await params);
  if (!parsed.success) notFound();
  const { id } = parsed.data;
  const user = await requireUser({ callbackUrl: `/payment-methods/${id}` });

  // Someone else's registration is indistinguishable from one that does not exist.
  const status = await getRegistrationStatus(user.id, id);
  const method = status && (await findOwnMethod(user.id, id));
  if (!status || !method) notFound();
  const [{ subscription }, settings] = await Promise.all([
    getAccountOverview(user.id),
    getMerchantSettings(),
  ]);
  const choices = methodChoices(settings.enabledProviders);
  const purpose = purposeOf(method, subscription);

  const checkout = status.state === "pending" ? method.checkoutLinks : null;
  const browser = checkout && "kind" in checkout ? checkout : null;
  const links = checkout && !("kind" in checkout) ? checkout : null;
  const platform = detectAppPlatform((await headers()).get("user-agent"));
  const label = providerLabel(method.provider);
  const qrSvg =
    links && platform === "desktop"
      ? await QRCode.toString(links.web, { type: "svg", margin: 1, errorCorrectionLevel: "M" })
      : null;

  const planName = subscription?.plan.name;
  // Starting over while the subscription waits for its first payment is a checkout again: its
  // agreement names the amount, the days and the method, as on the subscribe page.
  const restartConsent =
    subscription?.status === "incomplete"
      ? await checkoutConsentByChoice(db(), {
          userId: user.id,
          plan: subscription.plan,
          choices,
          now: new Date(),
        })
      : null;
  return (
    <Container className="py-12 sm:py-16">
      <div className="mx-auto max-w-2xl space-y-8">
        <PageHeader
          eyebrow={purpose === "checkout" ? "구독하기" : "결제수단 변경"}
          title={planName ? `${planName} 구독 · ${label} 등록` : `${label} 결제수단 등록`}
          description={
            // While waiting, what the customer is approving: the price and that nothing is
            // charged before the approval.
            status.state === "pending" && subscription
              ? `${formatPlanPrice({ ...subscription.plan, amount: subscription.priceAmount })} 자동결제 · 승인하기 전에는 결제되지 않아요.`
              : undefined
          }
        />
        <RegistrationWaiting
          methodId={method.id}
          initialStatus={status}
          purpose={purpose}
          consentText={RECURRING_BILLING_CONSENT_TEXT}
          appLinks={
            browser ? (
              <ProviderWindow checkout={browser} providerLabel={label} />
            ) : links ? (
              <TossAppLinks platform={platform} links={links} qrSvg={qrSvg} />
            ) : null
          }
          waitingCopy={
            browser
              ? {
                  title: `${label} 결제창에서 등록을 마쳐 주세요`,
                  body: "결제창에서 카드나 계좌를 등록하면 이 사이트로 돌아와 바로 이어져요.",
                  deadline: "그 안에 결제창에서 등록해 주세요.",
                  howToStop:
                    "등록을 그만두려면 등록 취소를 누르거나 결제창을 닫으면 돼요. 등록을 마치기 전에는 결제되지 않아요.",
                }
              : undefined
          }
          linkedMethod={
            method.status === "active" ? (
              <MethodDetails
                method={method}
                note={
                  method.activatedAt ? `${formatSeoulDate(method.activatedAt)}에 등록` : undefined
                }
              />
            ) : null
          }
          retryCharge={retryFirstCharge}
          cancelRegistration={cancelRegistration}
          startNewRegistration={startNewRegistration}
          confirmPaidStart={confirmPaidStart}
          consentTextByChoice={restartConsent?.byChoice}
          choices={choices}
          selectedChoice={preselectedChoice(choices, method.provider)?.value}
        />
      </div>
    </Container>
  );
}
