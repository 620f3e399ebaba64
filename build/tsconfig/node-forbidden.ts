// tsconfig "paths" resolve 'node:*' to this file in the sandboxed programs (renderer, preload),
// so a Node import there fails to compile, and this message says why.
const rule: 'Sandboxed code (renderer, preload) may not import Node modules' = 'node module imported in sandboxed code';
export default rule;
