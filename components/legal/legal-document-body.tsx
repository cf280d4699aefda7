import { parseDocumentBody } from "@/lib/legal/parse-document-body";

/**
 * A legal document's body as headings, lists and paragraphs. Text nodes only (React escapes
 * them): the body is merchant-written and never rendered as HTML.
 */
export function LegalDocumentBody({ body }: { body: string }) {
  return (
    <div className="space-y-4 text-sm leading-relaxed text-foreground/90 sm:text-base">
      {parseDocumentBody(body).map((block, index) => {
        switch (block.type) {
          case "heading":
            return (
              <h2 key={index} className="pt-4 text-base font-bold text-foreground sm:text-lg">
                {block.text}
              </h2>
            );
          case "list":
            return (
              <ul key={index} className="space-y-1.5">
                {block.items.map((item, itemIndex) => (
                  <li
                    key={itemIndex}
                    className={
                      item.nested ? "ml-8 list-[circle] text-foreground/80" : "ml-5 list-disc"
                    }
                  >
                    {item.text}
                  </li>
                ))}
              </ul>
            );
          case "paragraph":
            return (
              <p key={index} className="whitespace-pre-line">
                {block.text}
              </p>
            );
        }
      })}
    </div>
  );
}
