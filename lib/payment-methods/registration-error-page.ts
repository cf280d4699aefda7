// The page a customer sees when a provider's return cannot be matched to a registration they
// started (an old or copied link, another account signed in, a tampered address). Plain HTML
// from the route: nothing about the registration is looked up or shown.

const PAGE = `<!doctype html>
<html lang="ko">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>결제수단 등록을 확인할 수 없어요</title>
<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1.25rem;line-height:1.6;color:#191f28}h1{font-size:1.25rem}a{color:#3182f6;font-weight:700}</style>
</head>
<body>
<main>
<h1>결제수단 등록을 확인할 수 없어요</h1>
<p>이 주소로는 등록을 마칠 수 없어요. 등록을 시작한 계정으로 로그인했는지 확인하고, 내 구독에서 결제수단 등록을 다시 시작해 주세요. 결제수단은 등록되지 않았어요.</p>
<p><a href="/account">내 구독으로 가기</a></p>
</main>
</body>
</html>`;

export function registrationErrorPage(status: 400 | 403): Response {
  return new Response(PAGE, {
    status,
    headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" },
  });
}
