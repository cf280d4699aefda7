// A document body is plain text with a small markdown-like subset, so a merchant can write it in
// a textarea and it still reads well. It becomes blocks the page renders as text nodes: no HTML
// from the body ever reaches the page, whatever the merchant (or an attacker with their
// session) typed.
//   "# " or "## " at the start of a line → a heading
//   "- " → a list item; "  - " (indented) → a nested item
//   anything else → paragraph text; a blank line ends a paragraph

export type DocumentBlock =
  | { type: "heading"; text: string }
  | { type: "list"; items: { text: string; nested: boolean }[] }
  | { type: "paragraph"; text: string };

export function parseDocumentBody(body: string): DocumentBlock[] {
  const blocks: DocumentBlock[] = [];
  let paragraph: string[] = [];
  let list: { text: string; nested: boolean }[] | null = null;

  const flush = () => {
    if (paragraph.length > 0) blocks.push({ type: "paragraph", text: paragraph.join("\n") });
    if (list) blocks.push({ type: "list", items: list });
    paragraph = [];
    list = null;
  };

  for (const raw of body.replaceAll("\r\n", "\n").split("\n")) {
    const line = raw.trimEnd();
    const heading = /^#{1,3}\s+(.*)$/.exec(line);
    const item = /^(\s*)[-*]\s+(.*)$/.exec(line);
    if (line.trim() === "") {
      flush();
    } else if (heading?.[1] !== undefined) {
      flush();
      blocks.push({ type: "heading", text: heading[1] });
    } else if (item?.[2] !== undefined) {
      if (paragraph.length > 0) flush();
      list ??= [];
      list.push({ text: item[2], nested: (item[1] ?? "").length > 0 });
    } else {
      if (list) flush();
      paragraph.push(line.trim());
    }
  }
  flush();
  return blocks;
}
