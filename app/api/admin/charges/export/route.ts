import { chargesCsv, chargesCsvFileName, recordChargesExport } from "@/lib/admin/charges-csv";
import { parseChargeListParams } from "@/lib/admin/charges";
import { recordOf } from "@/lib/admin/list/search-params";
import { requireAdminApi } from "@/lib/auth/guards";
import { clientIpFrom } from "@/lib/auth/client-ip";

export const dynamic = "force-dynamic";

// GET /api/admin/charges/export?status=…&from=…&to=… — the admin charge list with the same
// filters and order, as a streamed CSV download (UTF-8 with BOM for Excel).
export async function GET(request: Request) {
  const admin = await requireAdminApi();
  if (admin instanceof Response) return admin;

  const {
    page: _page,
    pageSize: _pageSize,
    ...filters
  } = parseChargeListParams(recordOf(new URL(request.url).searchParams));
  await recordChargesExport({ userId: admin.id, ip: clientIpFrom(request.headers) }, filters);
  const fileName = chargesCsvFileName();
  return new Response(chargesCsv(filters), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      // An ASCII fallback name, and the Korean one for browsers that read RFC 6266 filename*.
      "content-disposition": `attachment; filename="charges.csv"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
      "cache-control": "no-store",
    },
  });
}
