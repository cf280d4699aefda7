import { legalDocumentPage } from "../legal-document-page";

// Public: readable signed out, every past version too (?version=N).
const { metadata, Page } = legalDocumentPage("refund_policy");

export const dynamic = "force-dynamic";
export { metadata };
export default Page;
