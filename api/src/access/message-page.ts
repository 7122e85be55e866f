// The plain pages of sign-in (what went wrong, no access): served by the server itself, before the web
// app is reachable, so they are simple HTML under the same Content Security Policy (no inline style or script).

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]!));
}

/** A whole page: `title` as text, `body` as HTML the caller has escaped. */
export function messagePage(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · EHPS scorecard</title></head>
<body>
<main>
<h1>${escapeHtml(title)}</h1>
${body}
</main>
</body>
</html>
`;
}
