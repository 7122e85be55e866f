// The one loading / error / empty panel used by every page. It keeps a minimum height so that the page
// does not jump when data arrives, says what failed, and offers Retry.
import type { ReactNode } from 'react';
import { ApiError } from '../lib/api-client';

export interface DataPanelProps {
  /** What is being loaded, in words: "the scorecard", "the caseloads for March 2015". */
  what: string;
  isLoading: boolean;
  error: Error | null | undefined;
  onRetry?: () => void;
  isEmpty?: boolean;
  emptyMessage?: ReactNode;
  /** Minimum height of the slot, so loading, error and content take the same room. */
  size?: 'line' | 'small' | 'medium' | 'large';
  children: () => ReactNode;
}

export function DataPanel({ what, isLoading, error, onRetry, isEmpty, emptyMessage, size = 'medium', children }: DataPanelProps) {
  if (error instanceof ApiError && (error.status === 401 || error.status === 403)) {
    // A refusal is not a failure to retry: say what is missing and whom to ask.
    return (
      <div className={`panel panel--error panel--${size}`} role="alert">
        <p className="panel__title">{error.status === 401 ? 'You are not signed in.' : `You cannot see ${what}.`}</p>
        <p className="panel__message">{error.message}</p>
        <p className="panel__message">
          {error.status === 401 ? 'Sign in again to continue.' : 'If you need it, ask an administrator of the scorecard for the role that allows it.'}
        </p>
      </div>
    );
  }
  if (error) {
    return (
      <div className={`panel panel--error panel--${size}`} role="alert">
        <p className="panel__title">Could not load {what}.</p>
        <p className="panel__message">{error.message}</p>
        {onRetry && (
          <button type="button" className="button" onClick={() => onRetry()}>
            Retry
          </button>
        )}
      </div>
    );
  }
  if (isLoading) {
    return (
      <div className={`panel panel--loading panel--${size}`} role="status" aria-live="polite">
        <span className="spinner" aria-hidden="true" />
        <p>Loading {what}…</p>
      </div>
    );
  }
  if (isEmpty) {
    return (
      <div className={`panel panel--empty panel--${size}`} role="status">
        <p className="panel__title">No data</p>
        <p className="panel__message">{emptyMessage ?? `There is no data for ${what}.`}</p>
      </div>
    );
  }
  return <>{children()}</>;
}

/** Panel state from one or more React Query results (the first error, loading until all have data). */
export function queryState(
  ...queries: { isPending: boolean; error: Error | null; refetch: () => unknown }[]
): Pick<DataPanelProps, 'isLoading' | 'error' | 'onRetry'> {
  const failed = queries.filter((q) => q.error);
  return {
    isLoading: queries.some((q) => q.isPending),
    error: failed[0]?.error ?? null,
    onRetry: () => {
      for (const q of failed.length ? failed : queries) void q.refetch();
    },
  };
}
