import { CustomerLayout } from "@/components/site/customer-layout";

// Every store page reads the session and the database: never prerender at build time.
export const dynamic = "force-dynamic";

export default CustomerLayout;
