// The OpenID Connect settings (../shared/spec/access.md, "Sign-in"), read once at start-up: sign-in goes
// through the council's identity provider when OIDC_ISSUER_URL, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET are
// all set. A setting that cannot work is a start-up error naming it, never a failure at the first sign-in.
// PUBLIC_URL (the redirect URI's base) and ADMIN_EMAIL are the access settings' (settings.ts).

export interface OidcSettings {
  /** The issuer identifier; discovery reads `${issuerUrl}/.well-known/openid-configuration`. */
  issuerUrl: URL;
  clientId: string;
  clientSecret: string;
  /** The ID token claim holding role names (Entra ID's app roles arrive in `roles`). */
  rolesClaim: string;
}

export const DEFAULT_ROLES_CLAIM = 'roles';

/** The path the provider sends the browser back to, under PUBLIC_URL. */
export const CALLBACK_PATH = '/auth/callback';

/** `${PUBLIC_URL}/auth/callback`: registered at the provider as the client's redirect URI. */
export function redirectUri(publicUrl: string): string {
  return `${publicUrl.replace(/\/+$/, '')}${CALLBACK_PATH}`;
}

type Environment = Record<string, string | undefined>;

const setting = (env: Environment, name: string) => {
  const value = env[name]?.trim();
  return value ? value : undefined;
};

/** A loopback host: the only place a plain-http issuer is accepted (a provider run by the tests). */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  // Not *.localhost: whether such names resolve to this machine depends on its resolver.
  return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

/** The issuer URL if it is one the product may talk to: https, or http on a loopback address. */
export function checkIssuerUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`OIDC_ISSUER_URL must be a URL such as https://login.microsoftonline.com/<tenant>/v2.0, got '${raw}'`);
  }
  if (url.protocol === 'https:') return url;
  if (url.protocol === 'http:' && isLoopbackHost(url.hostname)) return url;
  if (url.protocol === 'http:') {
    throw new Error(`OIDC_ISSUER_URL must use https (plain http only on a loopback address such as 127.0.0.1), got '${raw}'`);
  }
  throw new Error(`OIDC_ISSUER_URL must be an https URL, got '${raw}'`);
}

/**
 * The settings, or null when OpenID Connect is not configured (local accounts then). Some but not all of the
 * three required settings is an error naming the missing ones.
 */
export function oidcSettingsFromEnvironment(env: Environment = process.env): OidcSettings | null {
  const required = ['OIDC_ISSUER_URL', 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET'] as const;
  const present = required.filter((name) => setting(env, name) !== undefined);
  if (present.length === 0) return null;
  if (present.length < required.length) {
    const missing = required.filter((name) => !present.includes(name));
    throw new Error(`OpenID Connect needs ${required.join(', ')}; ${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} not set`);
  }
  const rolesClaim = setting(env, 'OIDC_ROLES_CLAIM') ?? DEFAULT_ROLES_CLAIM;
  return {
    issuerUrl: checkIssuerUrl(setting(env, 'OIDC_ISSUER_URL')!),
    clientId: setting(env, 'OIDC_CLIENT_ID')!,
    clientSecret: setting(env, 'OIDC_CLIENT_SECRET')!,
    rolesClaim,
  };
}
