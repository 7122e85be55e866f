// The relying party of OpenID Connect sign-in, with `openid-client`: discovery (once, kept), the
// authorization code flow with PKCE (S256), state and nonce, the ID token's validation (signature against
// the provider's published keys, issuer, audience, expiry, nonce), and what the product reads from the
// token: e-mail, name and role (../shared/spec/access.md, "Sign-in").
//
// Each sign-in under way is a row of oidc_pending_logins found by its state's hash; the callback deletes it
// as it reads it, so a state (and the nonce and verifier with it) serves once.
import * as client from 'openid-client';
import type { Queryable } from './db.js';
import { isRole, type Role } from './roles.js';
import { sha256 } from './secrets.js';
import { checkIssuerUrl, isLoopbackHost, redirectUri, type OidcSettings } from './oidc-settings.js';
import { safeReturnTo } from '../plugins/access.js';

/** What the product asks for: the ID token and the standard claims (roles come with them, as app roles do at Entra ID). */
export const OIDC_SCOPE = 'openid email profile';
/** How long a sign-in may take between leaving for the provider and coming back. */
export const PENDING_LOGIN_MINUTES = 10;

export interface PendingLogin {
  state: string;
  nonce: string;
  codeVerifier: string;
  /** A local path (see safeReturnTo). */
  returnTo: string;
}

/** Who the provider says signed in, as the product needs it. */
export interface ProviderIdentity {
  /** Lower case. */
  email: string;
  name: string | null;
  /** The most capable recognised role among the token's (see ROLE_PRECEDENCE); null when none is recognised. */
  providerRole: Role | null;
  /** Every value of the roles claim, recognised or not, for the audit log. */
  roleNames: string[];
  /** The provider's subject identifier. */
  subject: string;
}

/**
 * A token may carry several of the product's roles; one is kept: the first of this list. Admin first; the
 * approver before the analyst (neither can do all the other can: a token carrying both is a choice at the
 * provider that the product cannot represent, and signing off is the rarer right to hand out by mistake).
 */
export const ROLE_PRECEDENCE: readonly Role[] = ['admin', 'approver', 'analyst', 'contributor', 'viewer', 'partner'];

/** The refusal of a provider's answer, in words for the page and the audit log. */
export class SignInRefused extends Error {
  constructor(message: string, readonly reason: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SignInRefused';
  }
}


function claimAt(claims: Record<string, unknown>, name: string): unknown {
  // A claim named with dots (Entra ID's URIs) is taken as it is; else a dotted path into nested claims
  // (Keycloak's realm_access.roles).
  if (name in claims) return claims[name];
  let value: unknown = claims;
  for (const part of name.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

const nonEmptyString = (value: unknown): string | null =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : null;

/**
 * E-mail from `email` (a token saying `email_verified: false` is refused), else `preferred_username`, else `upn` (Entra ID
 * often omits `email`); name from `name`;
 * the role from the roles claim, role names matched without regard to case ("Analyst" is analyst).
 */
export function identityFromClaims(claims: Record<string, unknown>, rolesClaim: string): ProviderIdentity {
  // An address the provider itself says it has not verified names nobody (anyone could have typed it); nor
  // may a username stand in for it then (it is no more verified, and ADMIN_EMAIL is matched by address).
  if (claims.email_verified === false) {
    throw new SignInRefused(
      'The identity provider says your e-mail address is not verified: verify it there, or ask its administrator, then sign in again.',
      'email_not_verified');
  }
  const email = nonEmptyString(claims.email) ?? nonEmptyString(claims.preferred_username) ?? nonEmptyString(claims.upn);
  if (!email) {
    throw new SignInRefused(
      'The identity provider did not say who you are by e-mail: the ID token has none of the claims email, preferred_username or upn.',
      'no_email_claim');
  }
  const raw = claimAt(claims, rolesClaim);
  const roleNames = (Array.isArray(raw) ? raw : raw === undefined || raw === null ? [] : [raw])
    .filter((value): value is string => typeof value === 'string');
  const recognised = new Set(roleNames.map((name) => name.trim().toLowerCase()).filter(isRole));
  return {
    email: email.toLowerCase(),
    name: nonEmptyString(claims.name),
    providerRole: ROLE_PRECEDENCE.find((role) => recognised.has(role)) ?? null,
    roleNames,
    subject: String(claims.sub),
  };
}

/** Records a sign-in leaving for the provider (and forgets the ones that never came back). */
export async function savePendingLogin(db: Queryable, login: PendingLogin): Promise<void> {
  await db.query('DELETE FROM oidc_pending_logins WHERE expires_at < now()');
  await db.query(
    `INSERT INTO oidc_pending_logins (state_hash, nonce, code_verifier, return_to, expires_at)
     VALUES ($1, $2, $3, $4, now() + make_interval(mins => $5))`,
    [sha256(login.state), login.nonce, login.codeVerifier, login.returnTo, PENDING_LOGIN_MINUTES],
  );
}

/** The sign-in a state stands for, removed as it is read: null when unknown, already used or expired. */
export async function takePendingLogin(db: Queryable, state: string): Promise<PendingLogin | null> {
  const { rows } = await db.query<{ nonce: string; codeVerifier: string; returnTo: string; live: boolean }>(
    `DELETE FROM oidc_pending_logins WHERE state_hash = $1
     RETURNING nonce, code_verifier AS "codeVerifier", return_to AS "returnTo", expires_at > now() AS live`,
    [sha256(state)],
  );
  const row = rows[0];
  return row?.live ? { state, nonce: row.nonce, codeVerifier: row.codeVerifier, returnTo: row.returnTo } : null;
}

/** Describes an error of openid-client (or of the network under it) for a person, and as a short reason. */
export function describeProviderError(error: unknown, issuer: string): SignInRefused {
  if (error instanceof SignInRefused) return error;
  if (error instanceof client.AuthorizationResponseError) {
    return new SignInRefused(`The identity provider did not sign you in: ${error.error_description ?? error.error}.`, error.error, { cause: error });
  }
  if (error instanceof client.ResponseBodyError) {
    return new SignInRefused(
      `The identity provider refused to complete the sign-in: ${error.error_description ?? error.error}.`, error.error, { cause: error });
  }
  if (error instanceof client.ClientError) {
    // The cause says which check failed (e.g. 'unexpected JWT "aud" (audience) claim value').
    const detail = error.cause instanceof Error ? error.cause.message : error.message;
    return new SignInRefused(
      `The identity provider's answer failed the checks the product makes, so nobody was signed in (${detail}).`,
      error.code ?? 'invalid_response', { cause: error });
  }
  // fetch() failing: refused, reset, unknown host, timed out.
  return new SignInRefused(`The identity provider at ${issuer} could not be reached. Try again in a moment.`, 'provider_unreachable', { cause: error });
}

export class OidcClient {
  #configuration: Promise<client.Configuration> | null = null;

  /** `publicUrl`: where browsers reach the product (PUBLIC_URL), the base of the redirect URI. */
  constructor(readonly settings: OidcSettings, readonly publicUrl: string) {
    checkIssuerUrl(settings.issuerUrl.href);
  }

  /** The provider's configuration from discovery, kept once read (read again after a failure). */
  configuration(): Promise<client.Configuration> {
    this.#configuration ??= this.#discover().catch((error: unknown) => {
      this.#configuration = null;
      throw error;
    });
    return this.#configuration;
  }

  async #discover(): Promise<client.Configuration> {
    const { issuerUrl, clientId, clientSecret } = this.settings;
    const execute = [
      // Tokens come from the token endpoint, which TLS vouches for; the signature is checked all the same,
      // against the keys the provider publishes (a loopback provider in the tests has no TLS to vouch).
      client.enableNonRepudiationChecks,
      ...(issuerUrl.protocol === 'http:' && isLoopbackHost(issuerUrl.hostname) ? [client.allowInsecureRequests] : []),
    ];
    return client.discovery(issuerUrl, clientId, { client_secret: clientSecret }, client.ClientSecretBasic(clientSecret), {
      execute,
      timeout: 10,
    });
  }

  /** A new sign-in: its secrets, and the provider's address to send the browser to. */
  async startLogin(returnTo: string): Promise<{ login: PendingLogin; url: URL }> {
    const configuration = await this.configuration();
    const login: PendingLogin = {
      state: client.randomState(),
      nonce: client.randomNonce(),
      codeVerifier: client.randomPKCECodeVerifier(),
      returnTo: safeReturnTo(returnTo),
    };
    const url = client.buildAuthorizationUrl(configuration, {
      redirect_uri: redirectUri(this.publicUrl),
      scope: OIDC_SCOPE,
      code_challenge: await client.calculatePKCECodeChallenge(login.codeVerifier),
      code_challenge_method: 'S256',
      state: login.state,
      nonce: login.nonce,
    });
    return { login, url };
  }

  /**
   * Exchanges the code the provider sent back (the callback's query string) for tokens and returns the
   * validated ID token's claims; a SignInRefused saying why otherwise.
   */
  async finishLogin(callbackQuery: string, login: PendingLogin): Promise<Record<string, unknown>> {
    try {
      const configuration = await this.configuration();
      // The address the provider redirected to, as it knows it (the product may sit behind a proxy).
      const currentUrl = new URL(`${redirectUri(this.publicUrl)}?${callbackQuery}`);
      const tokens = await client.authorizationCodeGrant(configuration, currentUrl, {
        pkceCodeVerifier: login.codeVerifier,
        expectedState: login.state,
        expectedNonce: login.nonce,
        idTokenExpected: true,
      });
      const claims = tokens.claims();
      if (!claims) throw new SignInRefused('The identity provider sent no ID token.', 'no_id_token');
      return claims as Record<string, unknown>;
    } catch (error) {
      throw describeProviderError(error, this.settings.issuerUrl.href);
    }
  }
}
