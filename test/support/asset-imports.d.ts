// Tests reach renderer modules that import their stylesheets and icons (Vite bundles them;
// Vitest loads a stylesheet as an empty module and an icon as its URL). The renderer's own
// program has these types from vite/client.
declare module '*.css';
declare module '*.svg' {
  const url: string;
  export default url;
}
