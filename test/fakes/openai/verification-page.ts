/** The fake's stand-in for auth.openai.com/codex/device: a person or a test enters the code and approves. */
export function verificationPage(message: string | null): string {
  const note = message ? `<p role="status" class="note">${message}</p>` : '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Fake OpenAI — device code</title>
<style>body{font-family:system-ui,sans-serif;max-width:420px;margin:48px auto;padding:0 16px}label{display:block;margin:14px 0 4px}
input{width:100%;padding:8px;font-size:16px;box-sizing:border-box}button{margin-top:18px;margin-right:8px;padding:8px 16px;font-size:15px}
.note{background:#eef;padding:10px;border-radius:6px}</style></head>
<body><h1>Fake OpenAI</h1><p>Enter the code shown by the app, and the account that approves it.</p>${note}
<form method="post" action="/codex/device">
<label for="user_code">Code</label><input id="user_code" name="user_code" autocomplete="off" required>
<label for="email">Account email</label><input id="email" name="email" type="email" required>
<button type="submit" name="decision" value="approve">Approve</button>
<button type="submit" name="decision" value="deny">Deny</button>
</form></body></html>`;
}
