// tsconfig "paths" resolve 'node:*' to this file in the renderer program, so a Node import
// there fails to compile, and this message says why.
const rule: 'The renderer runs sandboxed: it may not import Node modules' = 'node module imported in renderer/';
export default rule;
