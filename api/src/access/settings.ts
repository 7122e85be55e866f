// The access settings read from the environment once, by the app and the start command alike.
export interface AccessSettings {
  /** The address users reach the server at (links, cookies' Secure flag, the OIDC redirect URI). */
  publicUrl: string;
  /** Cookies sent with Secure: PUBLIC_URL is https. */
  secureCookies: boolean;
  /** OpenID Connect is configured (OIDC_ISSUER_URL): no local passwords then. */
  oidc: boolean;
  /** The first administrator (ADMIN_EMAIL, default admin@localhost). */
  adminEmail: string;
  /** The pause before answering a sign-in once an account or address is being slowed down (throttle.ts). */
  signInDelayMs: number;
}

export function accessSettings(env: NodeJS.ProcessEnv = process.env, listening?: { host: string; port: number }): AccessSettings {
  const host = listening?.host ?? (env.HOST || '127.0.0.1');
  const port = listening?.port ?? (Number(env.PORT) || 3000);
  const publicUrl = (env.PUBLIC_URL || `http://${host.includes(':') ? `[${host}]` : host}:${port}`).replace(/\/+$/, '');
  return {
    publicUrl,
    secureCookies: publicUrl.startsWith('https:'),
    oidc: !!env.OIDC_ISSUER_URL,
    adminEmail: (env.ADMIN_EMAIL || 'admin@localhost').trim().toLowerCase(),
    signInDelayMs: 2000,
  };
}
