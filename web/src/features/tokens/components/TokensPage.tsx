// Tokens page (`/tokens`, every signed-in user): their own API tokens for scripts — create one (shown
// once, with a copy button), see when each was last used, revoke one.
import { useId, useState, type FormEvent } from 'react';
import type { ApiToken, NewTokenResponse } from '@contract/admin';
import { DataPanel, queryState } from '../../../components/DataPanel';
import { SecretOnce } from '../../../components/CopyButton';
import { formatLondonTime } from '../../../lib/format';
import { usePageTitle } from '../../../lib/use-page-title';
import { useCreateToken, useRevokeToken, useTokens } from '../api/tokens';
import { TableScroll } from '../../../components/TableScroll';

const LIFETIMES = [
  { days: 30, label: '30 days' },
  { days: 90, label: '90 days' },
  { days: 180, label: '180 days' },
  { days: 365, label: 'One year' },
];

export default function TokensPage() {
  usePageTitle('API tokens');
  const tokens = useTokens();
  const [created, setCreated] = useState<NewTokenResponse | null>(null);

  return (
    <>
      <div className="page-heading">
        <h1>API tokens</h1>
        <p className="page-heading__sub">For your scripts: each token acts as you, with your role</p>
      </div>
      <p className="prose">
        Send a token with each request as <code>Authorization: Bearer &lt;token&gt;</code> (the{' '}
        <a href="/api/docs">API documentation</a> lets you try it). A token stops working when it expires, when you
        revoke it, or when your access is removed.
      </p>

      <CreateToken onCreated={setCreated} />
      {created && (
        <section aria-labelledby="new-token-heading" className="notice">
          <h2 id="new-token-heading">Your new token “{created.name}”</h2>
          <SecretOnce
            label="Token"
            value={created.token}
            note={`It is shown this once: copy it now and keep it where your script can read it. It expires ${formatLondonTime(created.expiresAt)}.`}
          />
        </section>
      )}

      <section aria-labelledby="tokens-heading">
        <h2 id="tokens-heading">Your tokens</h2>
        <DataPanel
          what="your tokens"
          size="small"
          {...queryState(tokens)}
          isEmpty={tokens.data?.tokens.length === 0}
          emptyMessage="You have no tokens yet."
        >
          {() => <TokensTable tokens={tokens.data!.tokens} />}
        </DataPanel>
      </section>
    </>
  );
}

function CreateToken({ onCreated }: { onCreated: (token: NewTokenResponse) => void }) {
  const nameId = useId();
  const daysId = useId();
  const [name, setName] = useState('');
  const [days, setDays] = useState(90);
  const create = useCreateToken();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate({ name: name.trim(), days }, {
      onSuccess: (token) => {
        setName('');
        onCreated(token);
      },
    });
  };
  return (
    <section aria-labelledby="create-token-heading">
      <h2 id="create-token-heading">Create a token</h2>
      <form className="filters" onSubmit={submit}>
        <div className="filters__row">
          <div className="field">
            <label htmlFor={nameId}>Name (what it is for)</label>
            <input id={nameId} value={name} required maxLength={100} onChange={(event) => setName(event.target.value)} />
          </div>
          <div className="field">
            <label htmlFor={daysId}>Lasts</label>
            <select id={daysId} value={days} onChange={(event) => setDays(Number(event.target.value))}>
              {LIFETIMES.map((l) => <option key={l.days} value={l.days}>{l.label}</option>)}
            </select>
          </div>
          <button type="submit" className="button" disabled={create.isPending}>
            {create.isPending ? 'Creating…' : 'Create token'}
          </button>
        </div>
        {create.error && <p role="alert" className="form-error">Could not create the token: {create.error.message}</p>}
      </form>
    </section>
  );
}

function TokensTable({ tokens }: { tokens: ApiToken[] }) {
  const revoke = useRevokeToken();
  const [revoked, setRevoked] = useState<string | null>(null);
  const onRevoke = (token: ApiToken) => {
    if (!window.confirm(`Revoke the token “${token.name}”? Scripts using it stop working at once.`)) return;
    revoke.mutate(token.id, { onSuccess: () => setRevoked(token.name) });
  };
  return (
    <>
      <p role="status" aria-live="polite">{revoked ? `The token “${revoked}” has been revoked.` : ''}</p>
      {revoke.error && <p role="alert" className="form-error">Could not revoke the token: {revoke.error.message}</p>}
      <TableScroll label="Your tokens (times in UK time)">
        <table className="table">
          <caption>Your tokens (times in UK time)</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Created</th>
              <th scope="col">Expires</th>
              <th scope="col">Last used</th>
              <th scope="col"><span className="visually-hidden">Action</span></th>
            </tr>
          </thead>
          <tbody>
            {tokens.map((token) => (
              <tr key={token.id}>
                <th scope="row">{token.name}</th>
                <td>{formatLondonTime(token.createdAt)}</td>
                <td>{token.expired ? `Expired ${formatLondonTime(token.expiresAt)}` : formatLondonTime(token.expiresAt)}</td>
                <td>{token.lastUsedAt ? formatLondonTime(token.lastUsedAt) : 'Never'}</td>
                <td>
                  <button type="button" className="button button--secondary" aria-label={`Revoke the token ${token.name}`}
                    disabled={revoke.isPending} onClick={() => onRevoke(token)}>
                    Revoke
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </>
  );
}
