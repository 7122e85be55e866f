// Copies a secret shown once (a new token, a sign-in link) to the clipboard, and says so to screen readers.
import { useState } from 'react';

export function CopyButton({ text, label }: { text: string; label: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setState('copied');
    } catch {
      setState('failed');
    }
  };
  return (
    <>
      <button type="button" className="button button--secondary" onClick={() => void copy()}>
        {label}
      </button>{' '}
      <span role="status" aria-live="polite">
        {state === 'copied' ? 'Copied.' : state === 'failed' ? 'Could not copy: select the text and copy it yourself.' : ''}
      </span>
    </>
  );
}

/** A secret in a read-only field (selectable with the keyboard) with its copy button. */
export function SecretOnce({ label, value, note }: { label: string; value: string; note: string }) {
  return (
    <div className="secret-once">
      <label>
        <span className="secret-once__label">{label}</span>
        <input readOnly value={value} className="secret-once__value" onFocus={(event) => event.currentTarget.select()} />
      </label>
      <p className="secret-once__note">{note}</p>
      <CopyButton text={value} label={`Copy ${label.toLowerCase()}`} />
    </div>
  );
}
