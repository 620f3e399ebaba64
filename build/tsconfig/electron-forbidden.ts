// tsconfig "paths" resolve 'electron' to this file in every program except electron/main-process
// and electron/preload, so any import of it elsewhere fails to compile, and this message says why.
const rule: 'Only electron/main-process/ and electron/preload/ may import "electron"' =
  'electron imported outside electron/main-process/ and electron/preload/';
export default rule;
