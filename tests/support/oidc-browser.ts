// A small browser for the sign-in tests: follows redirects by hand with a cookie jar, sending requests for
// the app's public address to app.inject and everything else (the test provider) over HTTP, and fills in
// the provider's login form. Cookies are kept per host and name, as browsers send them whatever the port.
import type { App } from '../../api/src/app.js';

export interface Page {
  url: string;
  status: number;
  location: string | null;
  body: string;
  setCookies: string[];
}

export class TestBrowser {
  readonly cookies = new Map<string, Map<string, string>>();

  constructor(private readonly app: App, private readonly appOrigin: string) {}

  cookieHeader(url: string): string {
    const jar = this.cookies.get(new URL(url).hostname);
    return jar ? [...jar].map(([name, value]) => `${name}=${value}`).join('; ') : '';
  }

  cookie(url: string, name: string): string | undefined {
    return this.cookies.get(new URL(url).hostname)?.get(name);
  }

  private keep(url: string, setCookies: string[]) {
    const host = new URL(url).hostname;
    const jar = this.cookies.get(host) ?? new Map<string, string>();
    this.cookies.set(host, jar);
    for (const line of setCookies) {
      const [pair = '', ...attributes] = line.split(';').map((part) => part.trim());
      const at = pair.indexOf('=');
      const name = pair.slice(0, at);
      const value = pair.slice(at + 1);
      const expired = attributes.some((a) => /^max-age=0$/i.test(a) || (/^expires=/i.test(a) && Date.parse(a.slice(8)) < Date.now()));
      if (expired || value === '') jar.delete(name);
      else jar.set(name, value);
    }
  }

  /** One request, no redirect followed. */
  async request(url: string, init: { method?: 'GET' | 'POST'; form?: Record<string, string> } = {}): Promise<Page> {
    const method = init.method ?? 'GET';
    const headers: Record<string, string> = { 'user-agent': 'ehps-test-browser' };
    const cookie = this.cookieHeader(url);
    if (cookie) headers.cookie = cookie;
    let body: string | undefined;
    if (init.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(init.form).toString();
    }
    let page: Page;
    if (url.startsWith(`${this.appOrigin}/`)) {
      const target = new URL(url);
      const response = await this.app.inject({ method, url: `${target.pathname}${target.search}`, headers, payload: body });
      const setCookie = response.headers['set-cookie'];
      page = {
        url, status: response.statusCode, body: response.body,
        location: typeof response.headers.location === 'string' ? response.headers.location : null,
        setCookies: setCookie === undefined ? [] : Array.isArray(setCookie) ? setCookie : [setCookie],
      };
    } else {
      const response = await fetch(url, { method, headers, body, redirect: 'manual' });
      page = {
        url, status: response.status, body: await response.text(),
        location: response.headers.get('location'), setCookies: response.headers.getSetCookie(),
      };
    }
    this.keep(url, page.setCookies);
    return page;
  }

  /**
   * Follows redirects from `url`; stops before requesting an address `stopAt` accepts (returning it as the
   * page's url, status 0) or at the first answer that is not a redirect.
   */
  async follow(url: string, options: { stopAt?: (url: URL) => boolean; method?: 'GET' | 'POST'; form?: Record<string, string> } = {}): Promise<Page> {
    let next = url;
    let init: { method?: 'GET' | 'POST'; form?: Record<string, string> } = { method: options.method, form: options.form };
    for (let hops = 0; hops < 20; hops += 1) {
      if (hops > 0 && options.stopAt?.(new URL(next))) return { url: next, status: 0, location: null, body: '', setCookies: [] };
      const page = await this.request(next, init);
      if (page.status < 300 || page.status >= 400 || !page.location) return page;
      next = new URL(page.location, next).href;
      init = {};
    }
    throw new Error(`more than 20 redirects from ${url}`);
  }

  /** Submits the provider's login form on `page` (devInteractions: any password for a known login). */
  async submitLogin(page: Page, login: string, options: { stopAt?: (url: URL) => boolean } = {}): Promise<Page> {
    const action = /<form[^>]*action="([^"]+)"/.exec(page.body)?.[1];
    if (!action || !page.body.includes('name="login"')) throw new Error(`no login form at ${page.url} (${page.status}): ${page.body.slice(0, 300)}`);
    return this.follow(new URL(action.replace(/&amp;/g, '&'), page.url).href, {
      method: 'POST', form: { prompt: 'login', login, password: 'any password' }, stopAt: options.stopAt,
    });
  }
}
