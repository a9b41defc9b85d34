/**
 * How the bundler wraps each bundled CommonJS module (fastify, pino, ajv and the rest):
 * `__commonJSMin(((exports, module) => { … }))`, the body run on its first `require`.
 */
const ARROW_BODY =
  /__commonJSMin\(\(\(?\s*((?:exports|module|this\$\d+)(?:\s*,\s*(?:exports|module|this\$\d+))*)\s*\)?\s*=>\s*\{/g;

/**
 * Rewrites those bodies as parenthesised function expressions, which V8 compiles with the file
 * instead of on their first call: compiled with the file, they are in Node's compile cache, which
 * holds only what was compiled then (a start of the host compiled some 200 bodies afresh each
 * time, about 40 ms). Same behaviour: the bundler passes a module's `this` as a parameter, and a
 * body is called plainly in strict code, so `this` is undefined either way.
 */
export const eagerCommonJs = {
  name: 'eager-commonjs',
  renderChunk: (code: string) => code.replace(ARROW_BODY, '__commonJSMin((function($1){'),
};
