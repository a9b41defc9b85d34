// Tests reach renderer modules that import their stylesheets (Vite bundles them; Vitest loads
// them as empty modules). The renderer's own program has these types from vite/client.
declare module '*.css';
