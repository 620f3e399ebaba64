// tsconfig "paths" resolve 'electron' to this file in every program except electron/shell,
// so any import of it there fails to compile, and this message says why.
const rule: 'Only electron/shell/ may import "electron"' = 'electron imported outside electron/shell/';
export default rule;
