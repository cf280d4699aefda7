import { CustomerLayout } from "@/components/site/customer-layout";

// The waiting page lives outside the route groups (its return route sits next to it) but
// wears the store's header and footer like every customer page.
export const dynamic = "force-dynamic";

export default CustomerLayout;
