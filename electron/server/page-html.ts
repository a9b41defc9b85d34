import escapeHtml from 'escape-html';

/** Light and dark like the console, readable from 320 px up; inline, as the CSP allows styles. */
const STYLE = `
:root{color-scheme:light dark;--fg:#1d2433;--muted:#5b6477;--bg:#f4f6fa;--card:#fff;--line:#d8dde6;--accent:#2457c5;--bad:#b3261e}
@media (prefers-color-scheme:dark){:root{--fg:#e6e9ef;--muted:#a3abbb;--bg:#12151c;--card:#1b2029;--line:#313846;--accent:#8ab0ff;--bad:#ffb4ab}}
*{box-sizing:border-box}body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;background:var(--bg);color:var(--fg);display:grid;place-items:center;min-height:100vh;padding:24px}
main{background:var(--card);border:1px solid var(--line);border-radius:12px;padding:28px 32px;width:100%;max-width:460px}
h1{font-size:22px;margin:0 0 4px}p{margin:8px 0;color:var(--muted)}label{display:block;font-weight:600;margin:16px 0 4px}
input{width:100%;font:inherit;padding:9px 11px;border:1px solid var(--line);border-radius:8px;background:var(--bg);color:var(--fg)}
button{margin-top:20px;width:100%;font:inherit;font-weight:600;padding:10px;border:0;border-radius:8px;background:var(--accent);color:var(--card);cursor:pointer}
.error{color:var(--bad);font-weight:600}.qr{display:block;margin:12px auto;width:200px;height:200px;background:#fff;padding:8px;border-radius:8px}
code,.codes{font-family:ui-monospace,SFMono-Regular,Menlo,monospace}.secret{text-align:center;font-size:14px;white-space:nowrap;overflow-x:auto}
.codes{list-style:none;display:grid;grid-template-columns:1fr 1fr;gap:4px 16px;padding:12px 16px;border:1px dashed var(--line);border-radius:8px;margin:12px 0}
a{color:var(--accent)}`;

/** A whole page around `body` (already-escaped HTML). */
export function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="referrer" content="no-referrer"><title>${escapeHtml(title)} · Pooler Console</title><style>${STYLE}</style></head><body><main>${body}</main></body></html>`;
}

export function errorLine(message: string | null): string {
  return message ? `<p class="error" role="alert">${escapeHtml(message)}</p>` : '';
}

export { escapeHtml };
