// The roles' capabilities are declared once in shared/roles.ts, which the web app reads too (to show each
// person the controls their role allows); the server's modules import them from here.
export * from '../../../shared/roles.js';
