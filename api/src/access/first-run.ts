// First run with local accounts: when the database has no user, the administrator ADMIN_EMAIL is created
// and a one-time link (single use, 24 hours) signs them in to set a password.
import type { Queryable } from './db.js';
import { issueOneTimeLink, oneTimeLinkUrl } from './links.js';
import { countUsers, upsertUser } from './users.js';

/** The first-run link to print, or null when users exist already. */
export async function ensureFirstRunAdministrator(db: Queryable, adminEmail: string, publicUrl: string): Promise<string | null> {
  if (await countUsers(db) > 0) return null;
  const admin = await upsertUser(db, { email: adminEmail, name: 'Administrator', role: 'admin' });
  return oneTimeLinkUrl(publicUrl, await issueOneTimeLink(db, admin.id, 'first_run'));
}
