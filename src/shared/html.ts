/** Escapes text for HTML and SVG/XML text and attribute values (& < > " '). */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

/**
 * The frame of every page a client or invitee opens by link: no script unless given, kept out of
 * search engines, phone-sized, with the link pages' stylesheets and the body inside `<main>`.
 */
export function linkPageDocument(input: { title: string; body: string; stylesheets: readonly string[]; head?: string }): string {
  const stylesheets = input.stylesheets.map((href) => `<link rel="stylesheet" href="${href}">\n`).join("");
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>${escapeHtml(input.title)}</title>
${stylesheets}${input.head ?? ""}</head>
<body>
<main>
${input.body}
</main>
</body>
</html>
`;
}
