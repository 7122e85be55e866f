// The Admin page's contract (/api/admin/...) and the Tokens page's (/api/tokens): users, their roles and
// scopes, open sessions, API tokens.
import { Type, type Static } from 'typebox';
import { Role } from './access.js';
import { Nullable, StringEnum } from './common.js';

const RoleValue = Role;
const Instant = (description: string) => Type.String({ format: 'date-time', description: `${description} (ISO 8601, UTC)` });
export const IdParams = Type.Object({ id: Type.Integer({ minimum: 1, description: 'Its id' }) });

export const AdminUser = Type.Object({
  id: Type.Integer(),
  email: Type.String(),
  name: Nullable(Type.String()),
  role: Nullable(RoleValue),
  roleSource: Nullable(StringEnum(['provider', 'granted'], "provider: the identity provider's token at the latest sign-in; granted: set here")),
  grantedRole: Nullable(RoleValue),
  providerRole: Nullable(RoleValue),
  scope: Nullable(Type.Array(Type.String(), { description: "A contributor's geographies" })),
  localAccount: Type.Boolean({ description: 'Signs in with a password set in the product (no identity provider configured)' }),
  hasPassword: Type.Boolean(),
  createdAt: Instant('Added'),
  lastSignInAt: Nullable(Instant('The latest sign-in')),
  removedAt: Nullable(Instant('Removed')),
  openSessions: Type.Integer(),
  liveTokens: Type.Integer(),
});
export type AdminUser = Static<typeof AdminUser>;
export const AdminUsersResponse = Type.Object({ users: Type.Array(AdminUser) });
export type AdminUsersResponse = Static<typeof AdminUsersResponse>;

export const UserChangeBody = Type.Object({
  role: Nullable(RoleValue),
  scope: Nullable(Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { maxItems: 200 })),
}, { additionalProperties: false });
export type UserChangeBody = Static<typeof UserChangeBody>;

export const PasswordBody = Type.Object({ password: Type.String({ maxLength: 1024 }) }, { additionalProperties: false });
export type PasswordBody = Static<typeof PasswordBody>;

export const SignInLinkResponse = Type.Object({
  link: Type.String({ description: 'The one-time sign-in address: single use' }),
  expiresAt: Instant('Valid until'),
});
export type SignInLinkResponse = Static<typeof SignInLinkResponse>;

export const AdminSession = Type.Object({
  id: Type.String({ description: 'The session id (hex of the hash the table keeps)' }),
  userId: Type.Integer(),
  userEmail: Type.String(),
  userName: Nullable(Type.String()),
  method: Type.String({ description: 'password, first_run, one_time_link or oidc' }),
  createdAt: Instant('Opened'),
  lastSeenAt: Instant('The latest request'),
  address: Nullable(Type.String()),
  userAgent: Nullable(Type.String()),
  current: Type.Boolean({ description: 'The session making this request' }),
});
export type AdminSession = Static<typeof AdminSession>;
export const AdminSessionsResponse = Type.Object({ sessions: Type.Array(AdminSession) });
export type AdminSessionsResponse = Static<typeof AdminSessionsResponse>;
export const SessionParams = Type.Object({ id: Type.String({ pattern: '^[0-9a-f]{64}$', description: 'The session id' }) });

export const ApiToken = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  createdAt: Instant('Created'),
  expiresAt: Instant('Expires'),
  lastUsedAt: Nullable(Instant('The latest use')),
  expired: Type.Boolean(),
});
export type ApiToken = Static<typeof ApiToken>;
export const TokensResponse = Type.Object({ tokens: Type.Array(ApiToken) });
export type TokensResponse = Static<typeof TokensResponse>;

export const AdminToken = Type.Object({ ...ApiToken.properties, userId: Type.Integer(), userEmail: Type.String(), userName: Nullable(Type.String()) });
export type AdminToken = Static<typeof AdminToken>;
export const AdminTokensResponse = Type.Object({ tokens: Type.Array(AdminToken) });
export type AdminTokensResponse = Static<typeof AdminTokensResponse>;

export const NewTokenBody = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 100, description: 'What the token is for' }),
  days: Type.Optional(Type.Integer({ minimum: 1, maximum: 3650, description: 'Days it lasts (default 90)' })),
}, { additionalProperties: false });
export type NewTokenBody = Static<typeof NewTokenBody>;
export const NewTokenResponse = Type.Object({ ...ApiToken.properties, token: Type.String({ description: 'The token: shown this once' }) });
export type NewTokenResponse = Static<typeof NewTokenResponse>;
