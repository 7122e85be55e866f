// A table's own scrolling box. On a narrow screen a wide table scrolls sideways inside it, not the page; it is a
// labelled region that takes focus so that keyboard users can scroll it with the arrow keys, and the table's
// first column (the row's name) stays in view as it scrolls (styles.css, "Tables").
import type { ReactNode } from 'react';

export function TableScroll({ label, tall = false, children }: {
  /** Names the table, as its caption does (screen readers announce it on reaching the region). */
  label: string;
  /** A long table: at most about 28rem high, scrolling down inside its box too. */
  tall?: boolean;
  children: ReactNode;
}) {
  return (
    <div className={tall ? 'table-scroll table-scroll--tall' : 'table-scroll'} tabIndex={0} role="region" aria-label={label}>
      {children}
    </div>
  );
}
