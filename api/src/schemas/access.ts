// GET /api/me, and the request bodies of local sign-in and setting a password (access.md).
import { Type, type Static } from 'typebox';
import { ROLES } from '../access/roles.js';
import { Nullable, StringEnum } from './common.js';

export const Role = StringEnum([...ROLES]);

export const MeResponse = Type.Object({
  email: Type.String(),
  name: Nullable(Type.String()),
  role: Nullable(Role),
  scope: Nullable(Type.Array(Type.String(), { description: "A contributor's geographies (KENT, area or district codes)" })),
  csrfToken: Nullable(Type.String({ description: 'Send it as the x-csrf-token header on every state-changing request made with the session cookie; null for a bearer token' })),
});

export const SignInBody = Type.Object({
  email: Type.String({ maxLength: 320 }),
  password: Type.String({ maxLength: 1024 }),
  returnTo: Type.Optional(Type.String({ maxLength: 2000 })),
});

export const PasswordBody = Type.Object({
  password: Type.String({ maxLength: 1024 }),
  confirm: Type.Optional(Type.String({ maxLength: 1024 })),
  email: Type.Optional(Type.String()),
  _csrf: Type.Optional(Type.String()),
});

export type Role = Static<typeof Role>;
/** Who is signed in (csrfToken: null when calling with an API token). */
export type MeResponse = Static<typeof MeResponse>;
