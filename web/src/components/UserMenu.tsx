// The signed-in user in the page header: name and role, and a menu with the e-mail and Sign out.
import { useEffect, useId, useRef, useState } from 'react';
import { ROLE_NAMES, signOut, useMe } from '../api/session';

export function UserMenu() {
  const me = useMe();
  const [open, setOpen] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const panelId = useId();
  const container = useRef<HTMLDivElement>(null);

  // Escape or a click elsewhere closes the menu.
  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent) => { if (event.key === 'Escape') setOpen(false); };
    const onClick = (event: MouseEvent) => {
      if (!container.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('mousedown', onClick);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('mousedown', onClick);
    };
  }, [open]);

  if (!me.data) return null;
  const { name, email, role } = me.data;
  const roleName = role ? ROLE_NAMES[role] : 'No role';

  return (
    <div className="user-menu" ref={container}>
      <button
        type="button"
        className="user-menu__button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((value) => !value)}
      >
        <span className="user-menu__name">{name ?? email}</span>{' '}
        <span className="user-menu__role">{roleName}</span>
      </button>
      <div id={panelId} className="user-menu__panel" hidden={!open}>
        <p>
          Signed in as <strong>{email}</strong>
          <br />
          Role: {roleName}
        </p>
        {problem && <p role="alert" className="user-menu__problem">{problem}</p>}
        <button
          type="button"
          className="button button--secondary"
          onClick={() => {
            setProblem(null);
            signOut().catch((error: Error) => setProblem(`Could not sign out: ${error.message}`));
          }}
        >
          Sign out
        </button>
      </div>
    </div>
  );
}
