// Roles and what each may do (../shared/spec/access.md, "Roles"), declared once: the server's route
// declarations, the web app's controls and the docs all read this table.

export const ROLES = ['viewer', 'contributor', 'analyst', 'approver', 'admin', 'partner'] as const;
export type Role = (typeof ROLES)[number];

/**
 * What a route or an action needs:
 * - `read`: every page, the API and the exports for the whole county (partners: published months only,
 *   suppressed);
 * - `write_commentary`: write and submit commentary (contributors within their scope);
 * - `import`: import extracts (command line and upload page), edit targets;
 * - `approve`: approve or return commentary, publish a month;
 * - `admin`: manage users and roles, end sessions, read the audit log;
 * - `plan_commentary`: set each indicator's commentary owner and each month's due date (analysts, admins);
 * - `write_summary`: write and submit the month's executive summary (analysts, approvers, admins).
 */
export const CAPABILITIES = ['read', 'write_commentary', 'import', 'approve', 'admin', 'plan_commentary', 'write_summary'] as const;
export type Capability = (typeof CAPABILITIES)[number];

export const ROLE_CAPABILITIES: Record<Role, readonly Capability[]> = {
  viewer: ['read'],
  contributor: ['read', 'write_commentary'],
  analyst: ['read', 'write_commentary', 'import', 'plan_commentary', 'write_summary'],
  approver: ['read', 'write_commentary', 'approve', 'write_summary'],
  admin: ['read', 'write_commentary', 'import', 'approve', 'admin', 'plan_commentary', 'write_summary'],
  // Published months only, suppressed: enforced where figures are served (see access.md, "Partners").
  partner: ['read'],
};

/** In words, for a 403's message and the page that explains a refusal. */
export const CAPABILITY_WORDS: Record<Capability, string> = {
  read: 'read the scorecard',
  write_commentary: 'write commentary',
  import: 'import extracts and edit targets',
  approve: 'approve commentary and publish a month',
  admin: 'manage users and read the audit log',
  plan_commentary: 'set commentary owners and due dates',
  write_summary: 'write the executive summary',
};

export function can(role: Role | null, capability: Capability): boolean {
  return role !== null && ROLE_CAPABILITIES[role].includes(capability);
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
