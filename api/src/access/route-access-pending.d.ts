// Temporary: the route declaration `config: { access }` until the access plugin declares it.
import type { Capability } from './roles.js';
declare module 'fastify' {
  interface FastifyContextConfig {
    access?: 'public' | Capability;
  }
}
