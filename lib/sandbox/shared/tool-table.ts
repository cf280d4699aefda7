import { type Html, html } from "./html";

/**
 * One table of a sandbox's _sandbox tools page (styled by TOOL_CSS's .table-wrap). An empty
 * list still shows its headings and says so, so a tester can tell "nothing yet" from a
 * missing section.
 */
export function toolTable(heads: readonly string[], rows: readonly Html[]): Html {
  return html`<div class="table-wrap">
    <table>
      <thead>
        <tr>
          ${heads.map((h) => html`<th>${h}</th>`)}
        </tr>
      </thead>
      <tbody>
        ${
          rows.length > 0
            ? rows
            : html`<tr>
                <td class="empty" colspan="${heads.length}">없어요</td>
              </tr>`
        }
      </tbody>
    </table>
  </div>`;
}
