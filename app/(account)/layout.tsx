import { CustomerLayout } from "@/components/site/customer-layout";

// Account pages read the session and the database: never prerender at build time.
export const dynamic = "force-dynamic";

export default CustomerLayout;
