// What the 개인정보 수집·이용 동의 box agrees to, spelled out next to it as 개인정보 보호법 §15
// asks: the items, why, and for how long. Kept in step with the default 개인정보처리방침
// (lib/legal/default-documents.ts).
const ROWS = [
  {
    items: "이메일, 비밀번호(암호화), 이름(선택)",
    purpose: "회원 식별, 로그인, 서비스 안내",
    retention: "탈퇴할 때까지",
  },
  {
    items: "결제수단 정보(카드사·마스킹된 번호, 은행), 결제·환불 기록",
    purpose: "구독 자동결제, 환불, 무료 체험 중복 확인",
    retention: "탈퇴할 때까지, 결제 기록은 법에 따라 5년",
  },
  {
    items: "접속 IP, 접속 일시, 동의 기록",
    purpose: "부정 이용 방지, 분쟁 대응",
    retention: "3개월 (동의 기록은 5년)",
  },
];

export function PrivacyCollectionSummary() {
  return (
    <details className="group mt-1 rounded-lg border border-border bg-surface text-xs">
      <summary className="flex min-h-touch cursor-pointer items-center px-3 font-bold text-muted">
        수집 항목·목적·보유 기간 보기
      </summary>
      <div className="overflow-x-auto px-3 pb-3">
        <table className="w-full min-w-[18rem] border-collapse text-left">
          <caption className="sr-only">개인정보 수집·이용 내용</caption>
          <thead>
            <tr className="border-b border-border text-muted">
              <th scope="col" className="py-1.5 pr-2 font-bold">
                항목
              </th>
              <th scope="col" className="py-1.5 pr-2 font-bold">
                목적
              </th>
              <th scope="col" className="py-1.5 font-bold">
                보유 기간
              </th>
            </tr>
          </thead>
          <tbody>
            {ROWS.map((row) => (
              <tr key={row.items} className="border-b border-border/60 align-top last:border-0">
                <td className="py-1.5 pr-2">{row.items}</td>
                <td className="py-1.5 pr-2">{row.purpose}</td>
                <td className="py-1.5">{row.retention}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="mt-2 text-muted">
          동의하지 않을 수 있지만, 동의하지 않으면 가입과 구독을 할 수 없어요.
        </p>
      </div>
    </details>
  );
}
