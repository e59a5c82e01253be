'use strict';
// Preloaded with `node -r` so a child process can run the project's TypeScript sources as they are
// (no build step), letting tests drive the real adapter from a second process. Transpile only:
// `tsc --noEmit` checks the types.
const fs = require('node:fs');
const ts = require('typescript');

require.extensions['.ts'] = (module, filename) => {
  const { outputText } = ts.transpileModule(fs.readFileSync(filename, 'utf8'), {
    fileName: filename,
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
  });
  module._compile(outputText, filename);
};
