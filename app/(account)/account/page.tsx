import type { Metadata } from "next";
import { after } from "next/server";
import { AccountSettingsLink } from "@/components/account-access/account-settings-link";
import { BillingHistory } from "@/components/account/billing-history";
import { ConsentRequests } from "@/components/account/consent-requests";
import { NotificationList } from "@/components/account/notification-list";
import { PlanChangePanel } from "@/components/account/plan-change-panel";
import { PaymentMethodPanel } from "@/components/account/payment-method-panel";
import { SubscriptionPanel } from "@/components/account/subscription-panel";
import { MethodChoicesProvider } from "@/components/payment-methods/method-choice";
import { methodChoices } from "@/components/payment-methods/method-choices";
import { methodLabel } from "@/components/payment-methods/describe-method";
import { Container } from "@/components/ui/container";
import { PageHeader } from "@/components/ui/page-header";
import { requireAgreedUser } from "@/lib/auth/require-agreed-user";
import { listConsentsForUser } from "@/lib/billing/consent-queries";
import { getMerchantSettings } from "@/lib/merchant/get-merchant-settings";
import { listNotificationsForUser } from "@/lib/notifications/list-notifications";
import {
  METHOD_DETAILS_MAX_AGE_MS,
  refreshMethodDetails,
} from "@/lib/payment-methods/refresh-method-details";
import { removalReportStands } from "@/lib/payment-methods/report-method-removal";
import { RECURRING_BILLING_CONSENT_TEXT } from "@/lib/payment-methods/start-registration";
import { getAccountOverview, type AccountOverview } from "@/lib/subscriptions/account-overview";
import { retryFirstCharge, startNewRegistration } from "@/app/payment-methods/[id]/actions";
import {
  acceptConsent,
  cancelAtPeriodEnd,
  cancelPlanChange,
  changeToPlan,
  declineConsent,
  removePaymentMethod,
  resume,
} from "./actions";
import { loadPlanOptions } from "./load-plan-options";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "내 구독", robots: { index: false } };

// How long the page waits for Toss before showing the details it already has; a slower
// refresh still finishes after the response and shows up on the next visit.
const REFRESH_WAIT_MS = 2_500;

/**
 * The overview, with the method's card or account details refreshed from Toss first when they
 * are older than five minutes: the customer may have switched cards inside the Toss app.
 */
async function loadOverview(userId: string): Promise<AccountOverview> {
  const overview = await getAccountOverview(userId);
  const { method } = overview;
  if (
    !method ||
    (method.lastSyncedAt && Date.now() - method.lastSyncedAt.getTime() < METHOD_DETAILS_MAX_AGE_MS)
  ) {
    return overview;
  }
  const refresh = refreshMethodDetails(method.id).then(
    () => true,
    (error: unknown) => {
      console.warn("[account] could not refresh payment method details", error);
      return false;
    },
  );
  after(refresh);
  const refreshed = await Promise.race([
    refresh,
    new Promise<false>((resolve) => setTimeout(() => resolve(false), REFRESH_WAIT_MS)),
  ]);
  return refreshed ? getAccountOverview(userId) : overview;
}

export default async function AccountPage() {
  const user = await requireAgreedUser({ callbackUrl: "/account" });
  const { subscription, method, pendingMethod, charges, nextRenewal } = await loadOverview(user.id);
  const live = subscription && subscription.status !== "canceled" ? subscription : null;
  const lastCharge = live ? (charges.find((c) => c.subscriptionId === live.id) ?? null) : null;
  // Plans change only on a paid or trialing subscription that is going to continue.
  const changeable =
    live && (live.status === "active" || live.status === "trialing") && !live.cancelAtPeriodEnd
      ? live
      : null;
  // What both the subscription and the payment-method panel show and offer about methods.
  const methods = { method, pendingMethod, consentText: RECURRING_BILLING_CONSENT_TEXT };
  // A BILLING_DELETED report the customer should check until a charge proves the key works.
  const removalReported = method ? await removalReportStands(method) : false;
  const [consents, settings, notifications, planOptions] = await Promise.all([
    listConsentsForUser(user.id),
    getMerchantSettings(),
    listNotificationsForUser(user.id, { limit: 10 }),
    changeable ? loadPlanOptions(user.id, changeable.planId) : Promise.resolve([]),
  ]);

  return (
    <Container className="py-12 sm:py-16">
      {/* The change-method dialogs offer what the checkout offers. */}
      <MethodChoicesProvider choices={methodChoices(settings.enabledProviders)}>
        <div className="mx-auto max-w-3xl space-y-8">
          <PageHeader
            title="내 구독"
            description={`${user.name ? `${user.name}님, ` : ""}구독과 결제수단, 결제 내역을 한곳에서 관리하세요.`}
          />

          <ConsentRequests
            consents={consents}
            policy={settings.consentFallbackPolicy}
            actions={{ accept: acceptConsent, decline: declineConsent }}
          />

          <SubscriptionPanel
            {...methods}
            subscription={subscription}
            lastCharge={lastCharge}
            nextRenewal={nextRenewal}
            actions={{
              cancel: cancelAtPeriodEnd,
              resume,
              retryCharge: retryFirstCharge,
              startNewRegistration,
            }}
          />

          {changeable && (
            <PlanChangePanel
              currentPlanName={changeable.plan.name}
              pendingPlan={changeable.pendingPlan}
              pendingFrom={changeable.currentPeriodEnd}
              options={planOptions}
              actions={{ change: changeToPlan, cancelScheduled: cancelPlanChange }}
              methodLabel={method ? methodLabel(method) : null}
              nextChargeAt={changeable.currentPeriodEnd}
            />
          )}

          <PaymentMethodPanel
            {...methods}
            subscription={live}
            removalReported={removalReported}
            actions={{ remove: removePaymentMethod, startNewRegistration }}
          />

          <BillingHistory charges={charges} />

          <NotificationList notifications={notifications} />

          <AccountSettingsLink />
        </div>
      </MethodChoicesProvider>
    </Container>
  );
}
