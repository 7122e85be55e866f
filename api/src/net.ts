// Ports: one read from a setting (PORT, EHPS_DB_PORT), and a TCP port on 127.0.0.1 that nothing listens
// on, for servers started by the benchmark and the tests.
import net from 'node:net';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/**
 * The port given in an environment variable, or the default when it is unset or empty; an error naming the
 * variable when it is not a port. `allowZero`: 0 means any free port (the app's HTTP server).
 */
export function portFromEnvironment(name: string, fallback: number, options: { allowZero?: boolean } = {}): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const lowest = options.allowZero ? 0 : 1;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < lowest || port > 65535) throw new Error(`${name} must be a port number (${lowest}-65535), got '${raw}'`);
  return port;
}

/**
 * TRUST_PROXY: which proxies in front of the app to believe about the caller's address (X-Forwarded-For), so
 * sign-in throttling and the audit log see people, not the proxy. Unset: none. `true` (every proxy), or the
 * proxies' addresses or CIDR ranges separated by commas (Fastify's trustProxy).
 */
export function trustProxyFromEnvironment(raw = process.env.TRUST_PROXY): boolean | string[] {
  const text = raw?.trim() ?? '';
  if (text === '' || text === 'false') return false;
  if (text === 'true') return true;
  const ranges = text.split(',').map((part) => part.trim()).filter(Boolean);
  if (ranges.some((range) => !/^[0-9a-fA-F:.]+(\/\d{1,3})?$/.test(range))) {
    throw new Error(`TRUST_PROXY must be true, or the proxies' addresses or CIDR ranges separated by commas, got '${raw}'`);
  }
  return ranges;
}
