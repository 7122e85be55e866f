// API tokens as a table, the same rows on the Tokens page (one's own) and the Admin page (everyone's working
// tokens, with whose each is): name, created, expires (or when it expired), last used, and a Revoke button.
import type { ApiToken } from '@contract/admin';
import { RevocableTable, type RevocableColumn, type RevokeAction } from './RevocableTable';
import { formatLondonTime } from '../lib/format';

const TOKEN_COLUMNS: RevocableColumn<ApiToken>[] = [
  { header: 'Created', cell: (token) => formatLondonTime(token.createdAt) },
  { header: 'Expires', cell: (token) => (token.expired ? `Expired ${formatLondonTime(token.expiresAt)}` : formatLondonTime(token.expiresAt)) },
  { header: 'Last used', cell: (token) => (token.lastUsedAt ? formatLondonTime(token.lastUsedAt) : 'Never') },
];

export function TokenTable<T extends ApiToken>({ caption, nameHeader = 'Name', owner, tokens, action }: {
  caption: string;
  nameHeader?: string;
  /** Whose token it is (the Admin page), in a column after the name. */
  owner?: (token: T) => string;
  tokens: T[];
  action: RevokeAction<T, number>;
}) {
  const columns: RevocableColumn<T>[] = [...(owner ? [{ header: 'User', cell: owner }] : []), ...TOKEN_COLUMNS];
  return <RevocableTable caption={caption} nameHeader={nameHeader} name={(token) => token.name} columns={columns} items={tokens} action={action} />;
}
