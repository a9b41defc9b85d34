/**
 * Content-Security-Policy for the console renderer, in both shells. Scripts only from the app
 * itself; inline styles are allowed because MUI/emotion inject them at run time (no script
 * capability follows from that); no plugins, frames, forms or foreign connections.
 */
export const RENDERER_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');
