// Words for sign-in methods on the Admin page (roles' names are the app's, api/session.ts).
import type { Role } from '../../../api/types';
import { ROLE_NAMES } from '../../../api/session';

export const roleLabel = (role: Role | null) => (role ? ROLE_NAMES[role] : 'No role');

export const METHOD_LABELS: Record<string, string> = {
  password: 'Password',
  first_run: 'First-run link',
  one_time_link: 'One-time link',
  oidc: 'Identity provider',
};
