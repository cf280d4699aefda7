import type { ReactNode } from "react";
import { CardSection } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";

/**
 * A card on /account holding a list (charges, notifications): the empty state when there is
 * nothing yet, otherwise one <li> per item under a list named like the card.
 */
export function ListSection<Item>({
  title,
  description,
  items,
  empty,
  children,
}: {
  title: string;
  description: string;
  items: readonly Item[];
  empty: { title: string; description: string };
  /** Renders one item as its keyed <li>. */
  children: (item: Item) => ReactNode;
}) {
  return (
    <CardSection title={title} description={description}>
      {items.length === 0 ? (
        <EmptyState title={empty.title} description={empty.description} />
      ) : (
        <ul aria-label={title} className="-my-4 divide-y divide-border">
          {items.map(children)}
        </ul>
      )}
    </CardSection>
  );
}
