import type { ReactNode } from "react";
import { cx } from "@/components/ui/cx";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import type { ListParams, Page, RawSearchParams } from "@/lib/admin/list/search-params";
import { FilterField, FilterForm, FilterInput, FilterSelect } from "./filter-form";
import { Pagination } from "./pagination";
import { SortHeader } from "./sort-header";

// The scaffolding every admin list page shares (charges, refunds, notifications, subscribers,
// events, audit): header, GET filter form, empty state, cards on phones and a table on wider
// screens, and pagination. A page declares its filters and columns and renders only its cells.

type Option = { value: string; label: string };

/** One control of the filter bar; `wide` ones take the whole row on phones. */
export type FilterSpec =
  | { kind: "select"; name: string; label: string; options: readonly Option[] }
  | {
      kind: "text";
      name: string;
      label: string;
      type?: "search";
      wide?: boolean;
      className?: string;
      placeholder?: string;
      inputMode?: "numeric";
      // Suggestions offered in a <datalist>; free text stays allowed.
      suggestions?: readonly { value: string; label?: string }[];
    }
  // "시작일 / 종료일 (한국 시간)": the `from` and `to` Seoul dates every log filters by.
  | { kind: "dateRange" };

// Applying filters starts again at page 1 but keeps how the list is sorted and paged.
const KEPT_PARAMS = ["sort", "dir", "pageSize"] as const;

export type Column<Row> = {
  header: string;
  /** The list's sort key for this column: its header becomes a sort link. */
  sort?: string;
  /** A header read only by screen readers (an actions column). */
  srOnlyHeader?: boolean;
  /** Amounts and counts: right-aligned, figures lined up, on one line. */
  numeric?: boolean;
  headerClassName?: string;
  className?: string;
  cell: (row: Row) => ReactNode;
};

export type RowListLayout<Row> =
  // One card per row on every screen (events, audit).
  | { kind: "cards"; card: (row: Row) => ReactNode }
  // A table on every screen (it scrolls sideways on phones).
  | { kind: "table"; columns: readonly Column<Row>[]; minWidth: string }
  // Cards on phones, the table from md up.
  | {
      kind: "responsive";
      card: (row: Row) => ReactNode;
      columns: readonly Column<Row>[];
      minWidth: string;
      /** Shown above the cards (the table sorts through its headers instead). */
      cardsHeader?: ReactNode;
    };

/** What Next hands a list page. */
export type ListPageProps = { searchParams: Promise<RawSearchParams> };

type EmptyCopy = { title: string; description?: string };

/** Everything a list page shows besides its header title, parameters and rows. */
export type ListView<Row> = {
  description: string;
  actions?: ReactNode;
  /** Between the header and the filters. */
  intro?: ReactNode;
  /** Between the filters and the list. */
  summary?: ReactNode;
  filters: readonly FilterSpec[];
  /** Names the filter form for screen readers (default "검색 조건"). */
  filterLabel?: string;
  /** Names the list (and the table's caption) for screen readers. */
  listLabel: string;
  layout: RowListLayout<Row>;
  empty: EmptyCopy;
  /**
   * Shown instead of `empty` while any of the page's filters is set; the description defaults
   * to asking the admin to change the search or filters.
   */
  emptyFiltered?: EmptyCopy;
  pageLabel: string;
};

type RowOf<Data extends Page<{ id: string }>> = Data["rows"][number];

/**
 * One admin list: its address and title, how it reads its query string, what it loads, and
 * what it shows for what it loaded. The page keeps only its guard and renders `<AdminList>`,
 * so every list reads its parameters and rows the same way and names itself once (the header
 * and the tab title).
 */
export type AdminListSpec<Params extends ListParams, Data extends Page<{ id: string }>> = {
  path: string;
  title: string;
  parse: (raw: RawSearchParams) => Params;
  load: (params: Params) => Promise<Data>;
  /** What the list shows: fixed, or a function of the parameters and what was loaded. */
  view: ListView<RowOf<Data>> | ((loaded: { params: Params; data: Data }) => ListView<RowOf<Data>>);
};

/** Declares a list (types the spec: the row type comes from what `load` returns). */
export function adminList<Params extends ListParams, Data extends Page<{ id: string }>>(
  spec: AdminListSpec<Params, Data>,
): AdminListSpec<Params, Data> {
  return spec;
}

/** Reads the list's query string, loads its rows and renders the shared shell. */
export async function AdminList<Params extends ListParams, Data extends Page<{ id: string }>>({
  list,
  searchParams,
}: {
  list: AdminListSpec<Params, Data>;
} & ListPageProps) {
  const params = list.parse(await searchParams);
  const data = await list.load(params);
  return (
    <AdminListPage
      path={list.path}
      title={list.title}
      params={params}
      page={data}
      {...(typeof list.view === "function" ? list.view({ params, data }) : list.view)}
    />
  );
}

export function AdminListPage<Row extends { id: string }, Params extends ListParams>({
  path,
  title,
  description,
  actions,
  intro,
  summary,
  filters,
  filterLabel,
  params,
  page,
  listLabel,
  layout,
  empty,
  emptyFiltered,
  pageLabel,
}: ListView<Row> & { path: string; title: string; params: Params; page: Page<Row> }) {
  const filtered = filters.some((field) =>
    field.kind === "dateRange" ? params.from || params.to : params[field.name],
  );
  const emptyCopy =
    filtered && emptyFiltered
      ? { description: "검색어나 필터를 바꿔 보세요.", ...emptyFiltered }
      : empty;
  return (
    <div className="space-y-6">
      <PageHeader title={title} description={description} actions={actions} />
      {intro}
      <FilterBar path={path} fields={filters} label={filterLabel} params={params} />
      {summary}
      {page.rows.length === 0 ? (
        <EmptyState title={emptyCopy.title} description={emptyCopy.description} />
      ) : (
        <RowList rows={page.rows} label={listLabel} layout={layout} path={path} params={params} />
      )}
      <Pagination page={page} path={path} params={params} label={pageLabel} />
    </div>
  );
}

function FilterBar({
  path,
  fields,
  label,
  params,
}: {
  path: string;
  fields: readonly FilterSpec[];
  label: string | undefined;
  params: ListParams;
}) {
  const value = (name: string) => {
    const v = params[name];
    return typeof v === "boolean" ? String(v) : v;
  };
  // One filter form per page: the field name makes the id unique.
  const id = (name: string) => `filter-${name}`;
  const keep = Object.fromEntries(KEPT_PARAMS.map((name) => [name, value(name)]));
  return (
    <FilterForm path={path} keep={keep} label={label}>
      {fields.flatMap((field) => {
        switch (field.kind) {
          case "dateRange":
            return (["from", "to"] as const).map((name) => (
              <FilterField
                key={name}
                label={name === "from" ? "시작일 (한국 시간)" : "종료일 (한국 시간)"}
                htmlFor={id(name)}
                wide
              >
                <FilterInput id={id(name)} name={name} type="date" value={value(name)} />
              </FilterField>
            ));
          case "select":
            return (
              <FilterField key={field.name} label={field.label} htmlFor={id(field.name)}>
                <FilterSelect
                  id={id(field.name)}
                  name={field.name}
                  value={value(field.name)?.toString()}
                  options={field.options}
                />
              </FilterField>
            );
          case "text":
            return (
              <FilterField
                key={field.name}
                label={field.label}
                htmlFor={id(field.name)}
                wide={field.wide}
                className={field.className}
              >
                <FilterInput
                  id={id(field.name)}
                  name={field.name}
                  type={field.type}
                  value={value(field.name)}
                  placeholder={field.placeholder}
                  inputMode={field.inputMode}
                  list={field.suggestions && `${id(field.name)}-options`}
                />
                {field.suggestions && (
                  <datalist id={`${id(field.name)}-options`}>
                    {field.suggestions.map((s) => (
                      <option key={s.value} value={s.value} label={s.label} />
                    ))}
                  </datalist>
                )}
              </FilterField>
            );
        }
      })}
    </FilterForm>
  );
}

function RowList<Row extends { id: string }>({
  rows,
  label,
  layout,
  path,
  params,
}: {
  rows: Row[];
  label: string;
  layout: RowListLayout<Row>;
  path: string;
  params: ListParams;
}) {
  if (layout.kind === "cards") {
    return (
      <ol className="space-y-3" aria-label={label}>
        {rows.map((row) => (
          <li key={row.id}>{layout.card(row)}</li>
        ))}
      </ol>
    );
  }
  const table = (
    <RowTable
      rows={rows}
      label={label}
      columns={layout.columns}
      minWidth={layout.minWidth}
      path={path}
      params={params}
    />
  );
  if (layout.kind === "table") return table;
  return (
    <>
      <div className="space-y-3 md:hidden">
        {layout.cardsHeader}
        <ul className="space-y-3" aria-label={label}>
          {rows.map((row) => (
            <li key={row.id}>{layout.card(row)}</li>
          ))}
        </ul>
      </div>
      <div className="hidden md:block">{table}</div>
    </>
  );
}

const NUMERIC_CELL = "whitespace-nowrap text-right tabular-nums";

function headerClassOf(column: Column<never>): string | undefined {
  return cx(column.numeric && "text-right", column.headerClassName) || undefined;
}

function RowTable<Row extends { id: string }>({
  rows,
  label,
  columns,
  minWidth,
  path,
  params,
}: {
  rows: Row[];
  label: string;
  columns: readonly Column<Row>[];
  minWidth: string;
  path: string;
  params: ListParams;
}) {
  return (
    <Table caption={label} captionHidden tableClassName={minWidth}>
      <THead>
        <TR>
          {columns.map((column) =>
            column.sort ? (
              <SortHeader
                key={column.header}
                label={column.header}
                sort={column.sort}
                path={path}
                params={params as ListParams & { sort: string; dir: "asc" | "desc" }}
                className={headerClassOf(column)}
              />
            ) : (
              <TH key={column.header} className={headerClassOf(column)}>
                {column.srOnlyHeader ? (
                  <span className="sr-only">{column.header}</span>
                ) : (
                  column.header
                )}
              </TH>
            ),
          )}
        </TR>
      </THead>
      <TBody>
        {rows.map((row) => (
          <TR key={row.id}>
            {columns.map((column) => (
              <TD
                key={column.header}
                className={cx(column.numeric && NUMERIC_CELL, column.className)}
              >
                {column.cell(row)}
              </TD>
            ))}
          </TR>
        ))}
      </TBody>
    </Table>
  );
}
