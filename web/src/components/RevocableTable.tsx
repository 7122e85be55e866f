// A table of things a person can end from the page — API tokens (the Tokens page; every user's on the Admin
// page) and sessions (Admin): one row per item, its name as the row's header, its columns, and a button that
// ends it after a confirmation. What happened is said in a polite status line, a refusal in an alert, in the
// words the page gives.
import { useState, type ReactNode } from 'react';
import { TableScroll } from './TableScroll';

export interface RevocableColumn<T> {
  header: string;
  cell: (item: T) => ReactNode;
}

/** What the row's button does: the mutation ending one item, and the words around it. */
export interface RevokeAction<T, Id> {
  /** The button's text: "Revoke", "End session". */
  label: string;
  /** The button's accessible name, naming the item. */
  describe: (item: T) => string;
  /** The question asked before (window.confirm). */
  confirm: (item: T) => string;
  /** The status line once done. */
  done: (item: T) => string;
  /** Before the server's message when refused: "Could not revoke the token". */
  failed: string;
  mutation: { mutate: (id: Id, options: { onSuccess: () => void }) => void; isPending: boolean; error: Error | null };
  /** Said in place of the button when the item cannot be ended here (the session making the request). */
  notHere?: (item: T) => string | null;
}

export function RevocableTable<T extends { id: Id }, Id extends string | number>({ caption, nameHeader, name, columns, items, action }: {
  caption: string;
  nameHeader: string;
  /** The row's header cell. */
  name: (item: T) => ReactNode;
  columns: RevocableColumn<T>[];
  items: T[];
  action: RevokeAction<T, Id>;
}) {
  const [done, setDone] = useState<string | null>(null);
  const { mutation } = action;
  const onRevoke = (item: T) => {
    if (!window.confirm(action.confirm(item))) return;
    mutation.mutate(item.id, { onSuccess: () => setDone(action.done(item)) });
  };
  return (
    <>
      <p role="status" aria-live="polite">{done ?? ''}</p>
      {mutation.error && <p role="alert" className="form-error">{action.failed}: {mutation.error.message}</p>}
      <TableScroll label={caption}>
        <table className="table">
          <caption>{caption}</caption>
          <thead>
            <tr>
              <th scope="col">{nameHeader}</th>
              {columns.map((column) => <th key={column.header} scope="col">{column.header}</th>)}
              <th scope="col"><span className="visually-hidden">Action</span></th>
            </tr>
          </thead>
          <tbody>
            {items.map((item) => {
              const notHere = action.notHere?.(item) ?? null;
              return (
                <tr key={item.id}>
                  <th scope="row">{name(item)}</th>
                  {columns.map((column) => <td key={column.header}>{column.cell(item)}</td>)}
                  <td>
                    {notHere ?? (
                      <button type="button" className="button button--secondary" aria-label={action.describe(item)}
                        disabled={mutation.isPending} onClick={() => onRevoke(item)}>
                        {action.label}
                      </button>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </TableScroll>
    </>
  );
}
