import { TossPaymentsError } from "./api-error";

// Basic auth with the secret key and an empty password (docs/providers.md §2.1):
// `Authorization: Basic base64(secretKey + ":")`. Any test secret key is a merchant of its own
// (`test_sk_…`, and the widget product's `test_gsk_…`, which the brief accepts too); a live key
// never belongs in a sandbox and gets the same 401 as a wrong one.

const TEST_SECRET_KEY = /^test_g?sk_[A-Za-z0-9]{1,100}$/;

/** The merchant's test secret key from the request, or a 401 UNAUTHORIZED_KEY. */
export function requireSecretKey(request: Request): string {
  const header = request.headers.get("authorization") ?? "";
  const match = /^Basic ([A-Za-z0-9+/=]+)$/i.exec(header.trim());
  if (!match?.[1]) {
    throw new TossPaymentsError(
      "UNAUTHORIZED_KEY",
      "인증되지 않은 시크릿 키 혹은 클라이언트 키 입니다. (Authorization: Basic base64(시크릿 키 + ':'))",
    );
  }
  const decoded = Buffer.from(match[1], "base64").toString("utf8");
  // The colon separates the key from its (empty) password; without it the key is not read.
  const colon = decoded.indexOf(":");
  const secretKey = colon === -1 ? "" : decoded.slice(0, colon);
  if (!TEST_SECRET_KEY.test(secretKey)) {
    throw new TossPaymentsError(
      "UNAUTHORIZED_KEY",
      colon === -1
        ? "인증되지 않은 시크릿 키입니다. 시크릿 키 뒤에 ':'을 붙여 인코딩했는지 확인하세요."
        : "인증되지 않은 시크릿 키 혹은 클라이언트 키 입니다.",
    );
  }
  return secretKey;
}
