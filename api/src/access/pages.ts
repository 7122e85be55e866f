// The sign-in pages, rendered on the server as plain HTML forms: they work before the web app loads (and
// without it: an API-only server), need no script, and keep the Content Security Policy (their stylesheet
// is a file, /auth/assets/auth.css).

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A tagged template whose ${values} are escaped unless wrapped in raw(). */
class Raw { constructor(readonly html: string) {} }
export const raw = (html: string) => new Raw(html);
export function html(strings: TemplateStringsArray, ...values: unknown[]): Raw {
  let out = strings[0]!;
  values.forEach((value, i) => {
    const text = value instanceof Raw ? value.html
      : Array.isArray(value) ? value.map((v) => (v instanceof Raw ? v.html : escapeHtml(String(v)))).join('')
        : value === null || value === undefined || value === false ? '' : escapeHtml(String(value));
    out += text + strings[i + 1]!;
  });
  return new Raw(out);
}

export function page(title: string, body: Raw): string {
  return html`<!doctype html>
<html lang="en-GB">
<head>
<meta charset="UTF-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · EHPS performance scorecard</title>
<link rel="stylesheet" href="/auth/assets/auth.css">
</head>
<body>
<header class="site-header"><div class="site-header__inner"><span class="site-header__title">EHPS performance scorecard</span></div></header>
<main id="main" class="auth-main">
${body}
</main>
</body>
</html>
`.html;
}

function errorSummary(message: string | null): Raw {
  return message
    ? html`<div class="auth-error" role="alert" id="error"><h2>There is a problem</h2><p>${message}</p></div>`
    : raw('');
}

export function signInPage(options: { returnTo: string; email?: string; error?: string | null }): string {
  return page(options.error ? 'Error: Sign in' : 'Sign in', html`
<h1>Sign in</h1>
${errorSummary(options.error ?? null)}
<form method="post" action="/auth/login" class="auth-form" novalidate>
  <input type="hidden" name="returnTo" value="${options.returnTo}">
  <label for="email">E-mail address</label>
  <input id="email" name="email" type="email" autocomplete="username" required value="${options.email ?? ''}"
    ${options.error ? raw('aria-describedby="error"') : raw('autofocus')}>
  <label for="password">Password</label>
  <input id="password" name="password" type="password" autocomplete="current-password" required
    ${options.error ? raw('autofocus') : raw('')}>
  <button type="submit">Sign in</button>
</form>
<p class="auth-hint">Forgotten your password? Ask an administrator for a one-time sign-in link.</p>`);
}

export function setPasswordPage(options: { email: string; csrfToken: string; firstRun: boolean; error?: string | null }): string {
  return page(options.error ? 'Error: Set your password' : 'Set your password', html`
<h1>Set your password</h1>
${options.firstRun ? html`<p>You are signed in as <strong>${options.email}</strong>, the scorecard's first administrator. Choose a password for your next sign-in.</p>` : html`<p>Signed in as <strong>${options.email}</strong>.</p>`}
${errorSummary(options.error ?? null)}
<form method="post" action="/auth/password" class="auth-form" novalidate>
  <input type="hidden" name="_csrf" value="${options.csrfToken}">
  <input type="hidden" name="email" value="${options.email}" autocomplete="username">
  <label for="password">New password</label>
  <p class="auth-hint" id="password-hint">At least 12 characters. A phrase of a few words is easiest to remember.</p>
  <input id="password" name="password" type="password" autocomplete="new-password" required minlength="12" aria-describedby="password-hint" autofocus>
  <label for="confirm">The same password again</label>
  <input id="confirm" name="confirm" type="password" autocomplete="new-password" required>
  <button type="submit">Set password</button>
</form>
<p><a href="/">Go to the scorecard without setting one</a></p>`);
}

export function noAccessPage(options: { email: string; administrators: string[]; csrfToken: string | null }): string {
  const whom = options.administrators.length
    ? html`<p>Ask an administrator to grant you a role: ${options.administrators.map((e, i) => html`${i ? ', ' : ''}<a href="mailto:${e}">${e}</a>`)}.</p>`
    : html`<p>Ask the person who runs the scorecard for your council to grant you a role.</p>`;
  return page('No access', html`
<h1>You do not have access yet</h1>
<p>You are signed in as <strong>${options.email}</strong>, but no role in the scorecard has been granted to you, so it cannot show you any figures.</p>
${whom}
${signOutForm(options.csrfToken)}`);
}

export function linkProblemPage(message: string): string {
  return page('Sign-in link not valid', html`
<h1>This sign-in link cannot be used</h1>
<p>${message}</p>
<p><a href="/auth/login">Go to sign in</a></p>`);
}

function signOutForm(csrfToken: string | null): Raw {
  if (!csrfToken) return raw('');
  return html`<form method="post" action="/auth/logout"><input type="hidden" name="_csrf" value="${csrfToken}"><button type="submit" class="auth-secondary">Sign out</button></form>`;
}

export const AUTH_CSS = `
:root { --text: #0b0c0c; --muted: #484949; --border: #0b0c0c; --brand: #1d3a5f; --link: #1d4f91; --focus: #ffdd00;
  --red: #b10e1e; font-family: system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif; font-size: 16px;
  line-height: 1.45; color: var(--text); background: #fff; }
* { box-sizing: border-box; }
body { margin: 0; }
a { color: var(--link); }
:focus-visible { outline: 3px solid var(--focus); outline-offset: 0; box-shadow: 0 0 0 6px var(--text); }
.site-header { background: var(--brand); color: #fff; }
.site-header__inner { max-width: 1400px; margin: 0 auto; padding: 0.75rem 1.5rem; }
.site-header__title { font-weight: 700; font-size: 1.25rem; }
.auth-main { max-width: 32rem; margin: 2rem auto; padding: 0 1.5rem; }
h1 { font-size: 2rem; margin: 0 0 1rem; }
.auth-form { display: flex; flex-direction: column; gap: 0.4rem; margin: 1rem 0; }
.auth-form label { font-weight: 700; margin-top: 0.75rem; }
.auth-form input { font: inherit; padding: 0.4rem; border: 2px solid var(--border); }
.auth-form button, .auth-secondary { font: inherit; font-weight: 700; margin-top: 1.25rem; padding: 0.5rem 1rem;
  background: #00703c; color: #fff; border: 0; box-shadow: 0 2px 0 #002d18; cursor: pointer; align-self: flex-start; }
.auth-secondary { background: #f3f2f1; color: var(--text); box-shadow: 0 2px 0 #929191; }
.auth-hint { color: var(--muted); margin: 0; }
.auth-error { border: 4px solid var(--red); padding: 0.75rem 1rem; margin: 1rem 0; }
.auth-error h2 { font-size: 1.2rem; margin: 0 0 0.25rem; }
.auth-error p { color: var(--red); font-weight: 700; margin: 0; }
/* Reflow down to 320 px (WCAG 1.4.10): long e-mail addresses break, fields never outgrow the page. */
.auth-main { overflow-wrap: break-word; }
.auth-form input { max-width: 100%; }
@media (max-width: 30rem) {
  .site-header__inner { padding: 0.5rem 0.75rem; }
  .auth-main { margin: 1rem auto; padding: 0 0.75rem; }
  h1 { font-size: 1.5rem; }
}
`;
