// Admin page (`/admin`, administrators only): users (role and its source, scope, last sign-in, removed) with
// the controls for one of them, open sessions (end one), working API tokens (revoke one) and the audit log.
// Anyone else is told what is missing and whom to ask, and no admin request is made for them.
import { useState } from 'react';
import type { AdminSession, AdminToken, AdminUser } from '@contract/admin';
import { useMe } from '../../../api/session';
import { DataPanel, queryState } from '../../../components/DataPanel';
import { formatLondonTime } from '../../../lib/format';
import { usePageTitle } from '../../../lib/use-page-title';
import { useAdminSessions, useAdminTokens, useAdminUsers, useEndSession, useRevokeAnyToken } from '../api/admin';
import { AuditLog } from './AuditLog';
import { METHOD_LABELS, roleLabel } from './labels';
import { ManageUser } from './ManageUser';
import { TableScroll } from '../../../components/TableScroll';

export default function AdminPage() {
  usePageTitle('Admin: users, sessions, tokens and the audit log');
  const me = useMe();
  const isAdmin = me.data?.role === 'admin';
  return (
    <>
      <div className="page-heading">
        <h1>Admin</h1>
        <p className="page-heading__sub">Users and roles, sessions, API tokens and the audit log</p>
      </div>
      <DataPanel what="who you are" size="small" {...queryState(me)}>
        {() => (isAdmin ? <AdminSections myEmail={me.data!.email} /> : (
          <div className="panel panel--error panel--small" role="alert">
            <p className="panel__title">This page is for administrators.</p>
            <p className="panel__message">
              You are signed in as {me.data!.email} with the role {roleLabel(me.data!.role)}. Managing users and reading the audit
              log needs the administrator role: ask an administrator of the scorecard if you need it.
            </p>
          </div>
        ))}
      </DataPanel>
    </>
  );
}

function AdminSections({ myEmail }: { myEmail: string }) {
  return (
    <>
      <nav aria-label="On this page" className="page-contents">
        <ul>
          <li><a href="#users-heading">Users</a></li>
          <li><a href="#sessions-heading">Sessions</a></li>
          <li><a href="#tokens-heading">API tokens</a></li>
          <li><a href="#audit-heading">Audit log</a></li>
        </ul>
      </nav>
      <section aria-labelledby="users-heading">
        <h2 id="users-heading">Users</h2>
        <Users myEmail={myEmail} />
      </section>
      <section aria-labelledby="sessions-heading">
        <h2 id="sessions-heading">Sessions</h2>
        <Sessions />
      </section>
      <section aria-labelledby="tokens-heading">
        <h2 id="tokens-heading">API tokens</h2>
        <Tokens />
      </section>
      <section aria-labelledby="audit-heading">
        <h2 id="audit-heading">Audit log</h2>
        <AuditLog />
      </section>
    </>
  );
}

function Users({ myEmail }: { myEmail: string }) {
  const users = useAdminUsers(true);
  const [selected, setSelected] = useState<number | null>(null);
  const chosen = users.data?.users.find((u) => u.id === selected) ?? null;
  // Closing one user's controls puts keyboard focus back on the button that opened them.
  const close = () => {
    const opener = selected;
    setSelected(null);
    requestAnimationFrame(() => document.getElementById(`manage-user-${opener}`)?.focus());
  };
  return (
    <DataPanel what="the users" size="medium" {...queryState(users)}>
      {() => (
        <>
          <TableScroll label="Users (times in UK time)">
            <table className="table">
              <caption>Users (times in UK time)</caption>
              <thead>
                <tr>
                  <th scope="col">User</th>
                  <th scope="col">Role</th>
                  <th scope="col">Scope</th>
                  <th scope="col">Last sign-in</th>
                  <th scope="col">Status</th>
                  <th scope="col"><span className="visually-hidden">Action</span></th>
                </tr>
              </thead>
              <tbody>
                {users.data!.users.map((user) => (
                  <UserRow key={user.id} user={user} onManage={() => setSelected(user.id)} />
                ))}
              </tbody>
            </table>
          </TableScroll>
          {chosen && <ManageUser user={chosen} isSelf={chosen.email === myEmail} onClose={close} />}
        </>
      )}
    </DataPanel>
  );
}

function UserRow({ user, onManage }: { user: AdminUser; onManage: () => void }) {
  const source = user.roleSource === 'provider' ? 'from the identity provider' : user.roleSource === 'granted' ? 'set here' : null;
  return (
    <tr>
      <th scope="row">
        {user.name ?? user.email}
        {user.name && <span className="cell-note">{user.email}</span>}
      </th>
      <td>
        {user.role ? roleLabel(user.role) : 'No access'}
        {source && <span className="cell-note">{source}</span>}
      </td>
      <td>{user.scope ? user.scope.join(', ') : <span aria-label="whole county">–</span>}</td>
      <td>{user.lastSignInAt ? formatLondonTime(user.lastSignInAt) : 'Never'}</td>
      <td>{user.removedAt ? `Removed ${formatLondonTime(user.removedAt)}` : 'Active'}</td>
      <td>
        <button type="button" id={`manage-user-${user.id}`} className="button button--secondary" aria-label={`Manage ${user.name ?? user.email}`}
          onClick={onManage}>
          Manage
        </button>
      </td>
    </tr>
  );
}

function Sessions() {
  const sessions = useAdminSessions(true);
  const end = useEndSession();
  const [ended, setEnded] = useState<string | null>(null);
  const onEnd = (session: AdminSession) => {
    if (!window.confirm(`End this session of ${session.userEmail}? They must sign in again.`)) return;
    end.mutate(session.id, { onSuccess: () => setEnded(`The session of ${session.userEmail} has ended.`) });
  };
  return (
    <DataPanel what="the sessions" size="small" {...queryState(sessions)} isEmpty={sessions.data?.sessions.length === 0}
      emptyMessage="No session is open.">
      {() => (
        <>
          <p role="status" aria-live="polite">{ended ?? ''}</p>
          {end.error && <p role="alert" className="form-error">The session was not ended: {end.error.message}</p>}
          <TableScroll label="Open sessions, the latest used first (times in UK time)">
            <table className="table">
              <caption>Open sessions, the latest used first (times in UK time)</caption>
              <thead>
                <tr>
                  <th scope="col">User</th>
                  <th scope="col">Signed in with</th>
                  <th scope="col">Opened</th>
                  <th scope="col">Last seen</th>
                  <th scope="col">Address</th>
                  <th scope="col"><span className="visually-hidden">Action</span></th>
                </tr>
              </thead>
              <tbody>
                {sessions.data!.sessions.map((s) => (
                  <tr key={s.id}>
                    <th scope="row">{s.userEmail}{s.userAgent && <span className="cell-note">{s.userAgent}</span>}</th>
                    <td>{METHOD_LABELS[s.method] ?? s.method}</td>
                    <td>{formatLondonTime(s.createdAt)}</td>
                    <td>{formatLondonTime(s.lastSeenAt)}</td>
                    <td>{s.address ?? '–'}</td>
                    <td>
                      {s.current ? 'This session' : (
                        <button type="button" className="button button--secondary" disabled={end.isPending}
                          aria-label={`End session of ${s.userEmail} opened ${formatLondonTime(s.createdAt)}`} onClick={() => onEnd(s)}>
                          End session
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        </>
      )}
    </DataPanel>
  );
}

function Tokens() {
  const tokens = useAdminTokens(true);
  const revoke = useRevokeAnyToken();
  const [revoked, setRevoked] = useState<string | null>(null);
  const onRevoke = (token: AdminToken) => {
    if (!window.confirm(`Revoke the token “${token.name}” of ${token.userEmail}? Scripts using it stop working at once.`)) return;
    revoke.mutate(token.id, { onSuccess: () => setRevoked(`The token “${token.name}” of ${token.userEmail} has been revoked.`) });
  };
  return (
    <DataPanel what="the API tokens" size="small" {...queryState(tokens)} isEmpty={tokens.data?.tokens.length === 0}
      emptyMessage="No API token is in use.">
      {() => (
        <>
          <p role="status" aria-live="polite">{revoked ?? ''}</p>
          {revoke.error && <p role="alert" className="form-error">The token was not revoked: {revoke.error.message}</p>}
          <TableScroll label="Working API tokens (times in UK time)">
            <table className="table">
              <caption>Working API tokens (times in UK time)</caption>
              <thead>
                <tr>
                  <th scope="col">Token</th>
                  <th scope="col">User</th>
                  <th scope="col">Created</th>
                  <th scope="col">Expires</th>
                  <th scope="col">Last used</th>
                  <th scope="col"><span className="visually-hidden">Action</span></th>
                </tr>
              </thead>
              <tbody>
                {tokens.data!.tokens.map((token) => (
                  <tr key={token.id}>
                    <th scope="row">{token.name}</th>
                    <td>{token.userEmail}</td>
                    <td>{formatLondonTime(token.createdAt)}</td>
                    <td>{formatLondonTime(token.expiresAt)}</td>
                    <td>{token.lastUsedAt ? formatLondonTime(token.lastUsedAt) : 'Never'}</td>
                    <td>
                      <button type="button" className="button button--secondary" disabled={revoke.isPending}
                        aria-label={`Revoke the token ${token.name} of ${token.userEmail}`} onClick={() => onRevoke(token)}>
                        Revoke
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        </>
      )}
    </DataPanel>
  );
}
