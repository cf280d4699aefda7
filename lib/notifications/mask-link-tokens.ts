// The account emails (sign-up verification, password reset, email change) carry a one-time link
// whose token is the only proof the database does not hold (it keeps a hash). The outbox keeps
// the body as sent, so wherever someone other than the mailbox owner reads it (the merchant's
// outbox list, the data export) the token is masked: a live reset link in an admin screen would
// let its reader take the account over within its 30 minutes.

const LINK_TOKEN = /([?&]token=)[A-Za-z0-9_-]{43}/g;

export const MASKED_TOKEN = "(보안을 위해 가렸어요)";

export function maskLinkTokens(text: string): string {
  return text.replace(LINK_TOKEN, `$1${MASKED_TOKEN}`);
}
