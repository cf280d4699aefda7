import type { NotificationSummary } from "@/lib/notifications/list-notifications";
import { formatSeoulDateTime } from "@/lib/format";
import { ListSection } from "./list-section";

// The customer's notifications (receipts, failed payments, consent requests, …), readable here
// whether or not email is set up. The body is the email's text, opened on demand.

export function NotificationList({ notifications }: { notifications: NotificationSummary[] }) {
  return (
    <ListSection
      title="알림"
      description="결제와 구독에 관해 보내 드린 알림이에요."
      items={notifications}
      empty={{
        title: "받은 알림이 없어요",
        description: "결제 영수증이나 결제 실패, 동의 요청 같은 알림이 여기에 쌓여요.",
      }}
    >
      {(notification) => (
        <li key={notification.id} className="py-4">
          <details className="group">
            <summary className="flex cursor-pointer list-none items-start justify-between gap-3 [&::-webkit-details-marker]:hidden">
              <span className="min-w-0 space-y-1">
                <span className="block font-bold [overflow-wrap:anywhere]">
                  {notification.subject}
                </span>
                <time
                  dateTime={notification.createdAt.toISOString()}
                  className="block text-sm text-muted"
                >
                  {formatSeoulDateTime(notification.createdAt)}
                </time>
              </span>
              <span className="shrink-0 text-sm font-bold text-primary">
                <span className="group-open:hidden">내용 보기</span>
                <span className="hidden group-open:inline">접기</span>
              </span>
            </summary>
            <p className="mt-3 whitespace-pre-line rounded-lg bg-surface-muted p-4 text-sm leading-relaxed text-muted [overflow-wrap:anywhere]">
              {notification.body}
            </p>
          </details>
        </li>
      )}
    </ListSection>
  );
}
