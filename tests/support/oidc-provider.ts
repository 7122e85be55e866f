// A real OpenID provider for the tests: `oidc-provider` (a certified implementation) on a loopback port,
// with confidential clients, a few users whose ID tokens carry the claims the product reads, and the
// package's own login pages (devInteractions: any password is accepted for a known login; no consent page
// for the registered clients). Stops cleanly.
//
// Tests that need a token the provider would never issue (another audience, another nonce, another key)
// set `replaceIdToken`: the token endpoint's ID token is then swapped for the one it returns, signed with
// `sign` (this provider's key, or another provider's).
import { createPrivateKey, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import type { Server } from 'node:http';
import { Provider } from 'oidc-provider';
import { freePort } from '../../api/src/net.js';

export interface TestUser {
  /** What is typed in the provider's login form; also the `sub` claim. */
  login: string;
  email?: string;
  name?: string;
  preferred_username?: string;
  upn?: string;
  /** Under the claim named by `rolesClaim` (default `roles`). */
  roles?: string[];
}

export interface TestClient {
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
}

export type IdTokenClaims = Record<string, unknown>;

export interface TestProviderOptions {
  clients: TestClient[];
  users?: TestUser[];
  /** The claim the roles travel in (OIDC_ROLES_CLAIM); `roles` by default, as Entra ID sends app roles. */
  rolesClaim?: string;
}

export interface TestProvider {
  /** e.g. http://127.0.0.1:41234 (no trailing slash) */
  issuer: string;
  /** The key ID tokens are signed with (same `kid` in every test provider, so a foreign key is not told apart by its id). */
  signingKey: KeyObject;
  /** Signs claims as an ID token, with this provider's key unless another is given. */
  sign: (claims: IdTokenClaims, key?: KeyObject) => string;
  /** When set, the token endpoint's ID token is replaced by what it returns (given the token's claims). */
  replaceIdToken: ((claims: IdTokenClaims, original: string) => string) | null;
  /** The paths asked for, in order (e.g. how often discovery was read). */
  requests: string[];
  stop: () => Promise<void>;
}

/** Every test provider signs with a key of this id: a token signed by another provider's key differs only in its signature. */
export const TEST_KEY_ID = 'test-signing-key';

/** Users covering what the product reads from a token: e-mail and its fallbacks, name, roles, no roles. */
export const TEST_USERS: TestUser[] = [
  { login: 'ana', email: 'Ana.Analyst@kent.example', name: 'Ana Analyst', roles: ['analyst'] },
  { login: 'vic', email: 'vic.viewer@kent.example', name: 'Vic Viewer', roles: ['viewer'] },
  // Entra ID often sends no `email`: the e-mail is then `preferred_username`.
  { login: 'pat', preferred_username: 'pat.approver@kent.example', name: 'Pat Approver', roles: ['approver', 'not-a-product-role'] },
  // …or only `upn`.
  { login: 'una', upn: 'una.upn@kent.example', name: 'Una Upn', roles: ['viewer'] },
  // No roles at the provider.
  { login: 'nora', email: 'nora.noroles@kent.example', name: 'Nora Noroles' },
  // Roles the product does not know, only.
  { login: 'olly', email: 'olly.other@kent.example', name: 'Olly Other', roles: ['Reader', 'admins'] },
  // The installation's ADMIN_EMAIL in the tests; a viewer at the provider.
  { login: 'ada', email: 'ada.admin@kent.example', name: 'Ada Admin', roles: ['viewer'] },
];

const base64url = (data: Buffer | string) => Buffer.from(data).toString('base64url');

export function signIdToken(claims: IdTokenClaims, key: KeyObject): string {
  const header = base64url(JSON.stringify({ alg: 'RS256', kid: TEST_KEY_ID, typ: 'JWT' }));
  const payload = base64url(JSON.stringify(claims));
  const signature = sign('sha256', Buffer.from(`${header}.${payload}`), key);
  return `${header}.${payload}.${base64url(signature)}`;
}

export function decodeJwtClaims(jwt: string): IdTokenClaims {
  const payload = jwt.split('.')[1];
  if (!payload) throw new Error('not a JWT');
  return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as IdTokenClaims;
}

export async function startTestProvider(options: TestProviderOptions): Promise<TestProvider> {
  const users = new Map((options.users ?? TEST_USERS).map((user) => [user.login, user]));
  const rolesClaim = options.rolesClaim ?? 'roles';
  const port = await freePort();
  const issuer = `http://127.0.0.1:${port}`;
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const privateJwk = { ...privateKey.export({ format: 'jwk' }), kid: TEST_KEY_ID, alg: 'RS256', use: 'sig' };
  const signingKey = createPrivateKey({ key: privateJwk, format: 'jwk' });

  const provider = new Provider(issuer, {
    clients: options.clients.map((client) => ({
      client_id: client.clientId,
      client_secret: client.clientSecret,
      redirect_uris: client.redirectUris,
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
    })),
    jwks: { keys: [privateJwk] },
    cookies: { keys: [randomBytes(32).toString('hex')] },
    features: { devInteractions: { enabled: true } },
    // The claims travel in the ID token (as Entra ID sends them), not only from the userinfo endpoint.
    conformIdTokenClaims: false,
    scopes: ['openid', 'email', 'profile'],
    // Roles come with `profile`, so the product asks for no scope a real provider might not know.
    claims: {
      openid: ['sub'],
      email: ['email', 'email_verified'],
      profile: ['name', 'preferred_username', 'upn', rolesClaim],
    },
    async findAccount(_ctx: unknown, sub: string) {
      const user = users.get(sub);
      if (!user) return undefined;
      return {
        accountId: sub,
        async claims() {
          const claims: Record<string, unknown> = { sub };
          if (user.email) { claims.email = user.email; claims.email_verified = true; }
          if (user.name) claims.name = user.name;
          if (user.preferred_username) claims.preferred_username = user.preferred_username;
          if (user.upn) claims.upn = user.upn;
          if (user.roles) claims[rolesClaim] = user.roles;
          return claims;
        },
      };
    },
    // First-party clients: the user is never asked to consent (the login form is the only page).
    async loadExistingGrant(ctx: ProviderContext) {
      const grantId = ctx.oidc.result?.consent?.grantId ?? ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
      if (grantId) return ctx.oidc.provider.Grant.find(grantId);
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
      grant.addOIDCScope('openid email profile');
      await grant.save();
      return grant;
    },
    ttl: { Session: 600, Interaction: 600, Grant: 600, AuthorizationCode: 60, AccessToken: 600, IdToken: 600 },
  });

  const harness: TestProvider = {
    issuer,
    signingKey,
    sign: (claims, key) => signIdToken(claims, key ?? signingKey),
    replaceIdToken: null,
    requests: [],
    stop: async () => {},
  };

  provider.use(async (ctx: ProviderContext, next: () => Promise<void>) => {
    harness.requests.push(ctx.path);
    await next();
    const body = ctx.body as { id_token?: unknown } | undefined;
    if (ctx.path === '/token' && harness.replaceIdToken && body && typeof body.id_token === 'string') {
      body.id_token = harness.replaceIdToken(decodeJwtClaims(body.id_token), body.id_token);
    }
  });

  const server: Server = provider.listen(port, '127.0.0.1');
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  harness.stop = () => new Promise<void>((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    server.closeAllConnections();
  });
  return harness;
}

/** The little of Koa's context (with the provider's additions) the harness touches. */
interface ProviderContext {
  path: string;
  body: unknown;
  oidc: {
    result?: { consent?: { grantId?: string } };
    session: { accountId: string; grantIdFor: (clientId: string) => string | undefined };
    client: { clientId: string };
    provider: {
      Grant: {
        new (init: { clientId: string; accountId: string }): { addOIDCScope: (scope: string) => void; save: () => Promise<string> };
        find: (id: string) => Promise<unknown>;
      };
    };
  };
}
