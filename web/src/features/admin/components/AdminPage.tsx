// Admin page (`/admin`, administrators only): users (role and its source, scope, last sign-in, removed) with
// the controls for one of them, open sessions (end one), working API tokens (revoke one) and the audit log.
// Anyone else is told what is missing and whom to ask, and no admin request is made for them.
import { useState } from 'react';
import type { AdminSession, AdminToken, AdminUser } from '@contract/admin';
import { RevocableTable, type RevocableColumn } from '../../../components/RevocableTable';
import { useMe } from '../../../api/session';
import { DataPanel, queryState } from '../../../components/DataPanel';
import { formatLondonTime } from '../../../lib/format';
import { usePageTitle } from '../../../lib/use-page-title';
import { useAdminSessions, useAdminTokens, useAdminUsers, useEndSession, useRevokeAnyToken } from '../api/admin';
import { AuditLog } from './AuditLog';
import { METHOD_LABELS, roleLabel } from './labels';
import { ManageUser } from './ManageUser';
import { TableScroll } from '../../../components/TableScroll';
import { TokenTable } from '../../../components/TokenTable';

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
  return (
    <DataPanel what="the sessions" size="small" {...queryState(sessions)} isEmpty={sessions.data?.sessions.length === 0}
      emptyMessage="No session is open.">
      {() => (
        <RevocableTable caption="Open sessions, the latest used first (times in UK time)" nameHeader="User"
          name={(s) => <>{s.userEmail}{s.userAgent && <span className="cell-note">{s.userAgent}</span>}</>}
          columns={SESSION_COLUMNS} items={sessions.data!.sessions} action={{
            label: 'End session',
            describe: (s) => `End session of ${s.userEmail} opened ${formatLondonTime(s.createdAt)}`,
            confirm: (s) => `End this session of ${s.userEmail}? They must sign in again.`,
            done: (s) => `The session of ${s.userEmail} has ended.`,
            failed: 'The session was not ended',
            mutation: end,
            notHere: (s) => (s.current ? 'This session' : null),
          }} />
      )}
    </DataPanel>
  );
}

const SESSION_COLUMNS: RevocableColumn<AdminSession>[] = [
  { header: 'Signed in with', cell: (s) => METHOD_LABELS[s.method] ?? s.method },
  { header: 'Opened', cell: (s) => formatLondonTime(s.createdAt) },
  { header: 'Last seen', cell: (s) => formatLondonTime(s.lastSeenAt) },
  { header: 'Address', cell: (s) => s.address ?? '–' },
];

function Tokens() {
  const tokens = useAdminTokens(true);
  const revoke = useRevokeAnyToken();
  return (
    <DataPanel what="the API tokens" size="small" {...queryState(tokens)} isEmpty={tokens.data?.tokens.length === 0}
      emptyMessage="No API token is in use.">
      {() => (
        <TokenTable caption="Working API tokens (times in UK time)" nameHeader="Token" owner={(token) => token.userEmail}
          tokens={tokens.data!.tokens} action={{
            label: 'Revoke',
            describe: (token: AdminToken) => `Revoke the token ${token.name} of ${token.userEmail}`,
            confirm: (token: AdminToken) => `Revoke the token “${token.name}” of ${token.userEmail}? Scripts using it stop working at once.`,
            done: (token: AdminToken) => `The token “${token.name}” of ${token.userEmail} has been revoked.`,
            failed: 'The token was not revoked',
            mutation: revoke,
          }} />
      )}
    </DataPanel>
  );
}
