// Words for roles and sign-in methods on the Admin page.
import type { Role } from '../../../../../api/src/access/roles';

export const ROLE_LABELS: Record<Role, string> = {
  viewer: 'Viewer',
  contributor: 'Contributor',
  analyst: 'Analyst',
  approver: 'Approver',
  admin: 'Administrator',
  partner: 'Partner',
};

export const roleLabel = (role: Role | null) => (role ? ROLE_LABELS[role] : 'No role');

export const METHOD_LABELS: Record<string, string> = {
  password: 'Password',
  first_run: 'First-run link',
  one_time_link: 'One-time link',
  oidc: 'Identity provider',
};
