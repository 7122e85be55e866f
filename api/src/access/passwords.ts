// Local accounts' passwords: scrypt (memory-hard, in node:crypto), stored as one self-describing string
// `scrypt$N=…,r=…,p=…$<salt>$<hash>` (base64url), so the parameters can be raised later and old hashes still
// verify. Comparison is timing-safe.
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

export interface ScryptParameters { N: number; r: number; p: number }

/** OWASP's scrypt choice for 32 MiB of memory per hash (N=2^15, r=8, p=3). */
export const DEFAULT_SCRYPT: ScryptParameters = { N: 2 ** 15, r: 8, p: 3 };
const KEY_LENGTH = 32;
const SALT_LENGTH = 16;

function derive(password: string, salt: Buffer, { N, r, p }: ScryptParameters): Promise<Buffer> {
  // maxmem must exceed 128 * N * r bytes, or scrypt refuses.
  const options: ScryptOptions = { N, r, p, maxmem: 256 * N * r + 1024 * 1024 };
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, KEY_LENGTH, options, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

export async function hashPassword(password: string, parameters: ScryptParameters = DEFAULT_SCRYPT): Promise<string> {
  const salt = randomBytes(SALT_LENGTH);
  const key = await derive(password, salt, parameters);
  const { N, r, p } = parameters;
  return `scrypt$N=${N},r=${r},p=${p}$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

function parse(stored: string): { parameters: ScryptParameters; salt: Buffer; key: Buffer } | null {
  const match = /^scrypt\$N=(\d+),r=(\d+),p=(\d+)\$([A-Za-z0-9_-]+)\$([A-Za-z0-9_-]+)$/.exec(stored);
  if (!match) return null;
  const [, N, r, p, salt, key] = match;
  const parameters = { N: Number(N), r: Number(r), p: Number(p) };
  // A malformed or absurd stored value is a non-match, never a denial of service.
  if (parameters.N > 2 ** 20 || parameters.r > 32 || parameters.p > 16) return null;
  return { parameters, salt: Buffer.from(salt!, 'base64url'), key: Buffer.from(key!, 'base64url') };
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parse(stored);
  if (!parsed) return false;
  const key = await derive(password, parsed.salt, parsed.parameters);
  return key.length === parsed.key.length && timingSafeEqual(key, parsed.key);
}

let dummy: Promise<string> | null = null;
/**
 * For an unknown e-mail (or an account without a password): spend the time a real check takes, so the
 * answer's timing does not say whether the account exists. Always false.
 */
export async function verifyAgainstDummy(password: string): Promise<false> {
  dummy ??= hashPassword('not a password anyone has', DEFAULT_SCRYPT);
  await verifyPassword(password, await dummy);
  return false;
}

/** Whether a password is acceptable to set: long enough, and not absurdly long (hashing cost). */
export function passwordProblem(password: string): string | null {
  if (password.length < 12) return 'The password must be at least 12 characters long.';
  if (password.length > 1024) return 'The password must be at most 1024 characters long.';
  return null;
}
