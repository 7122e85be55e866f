// One user's controls on the Admin page: role and scope, a new password or one-time sign-in link for a local
// account, removal. Opened from the users table; takes keyboard focus when it opens.
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { Role } from '../../../api/types';
import { ROLE_NAMES } from '../../../api/session';
import type { AdminUser } from '@contract/admin';
import { SecretOnce } from '../../../components/CopyButton';
import { formatLondonTime } from '../../../lib/format';
import { useChangeUser, useRemoveUser, useSetPassword, useSignInLink } from '../api/admin';
import { roleLabel } from './labels';

const ROLE_CHOICES = Object.keys(ROLE_NAMES) as Role[];

export function ManageUser({ user, isSelf, onClose }: { user: AdminUser; isSelf: boolean; onClose: () => void }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [user.id]);
  const who = user.name ?? user.email;
  return (
    <section aria-labelledby="manage-heading" className="manage-user">
      <h3 id="manage-heading" ref={heading} tabIndex={-1}>
        Manage {who} ({user.email})
      </h3>
      {user.removedAt ? (
        <p>
          Removed {formatLondonTime(user.removedAt)}. Their name stays on what they wrote. Give them a role again with{' '}
          <code>npm run users -- add</code>.
        </p>
      ) : (
        <>
          <RoleForm user={user} isSelf={isSelf} />
          {user.localAccount && <LocalAccount user={user} />}
          {!isSelf && <RemoveUser user={user} onRemoved={onClose} />}
        </>
      )}
      <button type="button" className="button button--secondary" onClick={onClose}>
        Close
      </button>
    </section>
  );
}

function RoleForm({ user, isSelf }: { user: AdminUser; isSelf: boolean }) {
  const roleId = useId();
  const scopeId = useId();
  const scopeHint = useId();
  const [role, setRole] = useState<Role | ''>(user.grantedRole ?? '');
  const [scope, setScope] = useState((user.scope ?? []).join(', '));
  const change = useChangeUser();
  const [saved, setSaved] = useState<string | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(null);
    const codes = scope.split(/[\s,]+/).map((c) => c.trim()).filter(Boolean);
    change.mutate({ id: user.id, role: role || null, scope: role === 'contributor' ? codes : null }, {
      onSuccess: (after) => setSaved(`Saved: ${after.email} now has the role ${roleLabel(after.grantedRole)}`
        + `${after.scope ? ` for ${after.scope.join(', ')}` : ''}.`),
    });
  };
  return (
    <form onSubmit={submit} aria-labelledby={`${roleId}-legend`} className="filters">
      <h4 id={`${roleId}-legend`}>Role and scope</h4>
      {user.roleSource === 'provider' && (
        <p>
          Their identity provider gives them the role <strong>{roleLabel(user.providerRole)}</strong> at sign-in, which
          applies instead of the role set here while it does.
        </p>
      )}
      <div className="filters__row">
        <div className="field">
          <label htmlFor={roleId}>Role</label>
          <select id={roleId} value={role} disabled={isSelf} onChange={(event) => setRole(event.target.value as Role | '')}>
            <option value="">No role (no access)</option>
            {ROLE_CHOICES.map((r) => <option key={r} value={r}>{ROLE_NAMES[r]}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor={scopeId}>Scope (contributors only)</label>
          <input id={scopeId} value={scope} disabled={role !== 'contributor'} aria-describedby={scopeHint}
            onChange={(event) => setScope(event.target.value)} />
          <span id={scopeHint} className="field__hint">Geography codes, comma-separated: KENT, an area or a district</span>
        </div>
        <button type="submit" className="button" disabled={change.isPending || isSelf}>Save role</button>
      </div>
      {isSelf && <p>You cannot change your own role: another administrator must.</p>}
      <p role="status" aria-live="polite">{saved ?? ''}</p>
      {change.error && <p role="alert" className="form-error">Not saved: {change.error.message}</p>}
    </form>
  );
}

function LocalAccount({ user }: { user: AdminUser }) {
  const passwordId = useId();
  const [password, setPassword] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const setNew = useSetPassword();
  const link = useSignInLink();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setDone(null);
    setNew.mutate({ id: user.id, password }, {
      onSuccess: () => {
        setPassword('');
        setDone(`The new password is set; ${user.email} has been signed out everywhere.`);
      },
    });
  };
  return (
    <div className="local-account">
      <h4>Local account</h4>
      <form onSubmit={submit} className="filters">
        <div className="filters__row">
          <div className="field">
            <label htmlFor={passwordId}>New password (12 characters or more)</label>
            <input id={passwordId} type="password" autoComplete="new-password" minLength={12} required value={password}
              onChange={(event) => setPassword(event.target.value)} />
          </div>
          <button type="submit" className="button" disabled={setNew.isPending}>Set password</button>
        </div>
        <p role="status" aria-live="polite">{done ?? ''}</p>
        {setNew.error && <p role="alert" className="form-error">Password not set: {setNew.error.message}</p>}
      </form>
      <p>Or send them a one-time sign-in link (single use, valid 24 hours): it signs them in and asks for a new password.</p>
      <button type="button" className="button button--secondary" disabled={link.isPending} onClick={() => link.mutate(user.id)}>
        Create a sign-in link
      </button>
      {link.error && <p role="alert" className="form-error">No link created: {link.error.message}</p>}
      {link.data && (
        <SecretOnce label="Sign-in link" value={link.data.link}
          note={`Shown once: send it to ${user.email} yourself. It works once, until ${formatLondonTime(link.data.expiresAt)}.`} />
      )}
    </div>
  );
}

function RemoveUser({ user, onRemoved }: { user: AdminUser; onRemoved: () => void }) {
  const remove = useRemoveUser();
  const onClick = () => {
    if (!window.confirm(`Remove ${user.email}? Their sessions end and their tokens stop working; their name stays on what they wrote.`)) return;
    remove.mutate(user.id, { onSuccess: onRemoved });
  };
  return (
    <div>
      <h4>Remove</h4>
      <button type="button" className="button button--danger" disabled={remove.isPending} onClick={onClick}>
        Remove {user.email}
      </button>
      {remove.error && <p role="alert" className="form-error">Not removed: {remove.error.message}</p>}
    </div>
  );
}
