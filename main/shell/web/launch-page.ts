import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * Hands the desk's URL, token included, to a browser window without putting it on a command line
 * (any local user can read those with `ps`) or on stdout: a page in `privateDir` (the caller makes
 * it 0700, e.g. with mkdtemp) that only this user can read, which forwards the window to the desk.
 * Returns the page's file:// URL, which names a path and no secret. The desk page keeps the token
 * for reloads of its tab (renderer/bridge/launch-token.ts).
 */
export function writeLaunchPage(privateDir: string, deskUrl: string): string {
  chmodSync(privateDir, 0o700);
  const path = join(privateDir, 'open-desk.html');
  const target = escapeHtml(deskUrl);
  writeFileSync(
    path,
    `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="referrer" content="no-referrer">
<meta http-equiv="refresh" content="0; url=${target}">
<title>SeatDesk 坐席桌面</title>
</head>
<body><p><a href="${target}">SeatDesk 坐席桌面</a></p></body>
</html>
`,
    { mode: 0o600 },
  );
  // `mode` only applies when the file is created.
  chmodSync(path, 0o600);
  return pathToFileURL(path).href;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
