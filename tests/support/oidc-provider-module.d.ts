// The part of `oidc-provider` (which ships no types) the test harness uses.
declare module 'oidc-provider' {
  import type { Server } from 'node:http';

  export class Provider {
    constructor(issuer: string, configuration: Record<string, unknown>);
    /** Koa middleware, run around the provider's own routes. */
    use(middleware: (ctx: any, next: () => Promise<void>) => Promise<void>): this;
    listen(port: number, host: string): Server;
  }
}
