// @ts-check
'use strict';
// Lets Node.js 20 run the repository's TypeScript tools directly (`node -r ./scripts/lib/require-ts.js x.ts`):
// each .ts file is transpiled on require with the project's own TypeScript, as ts-jest does for the tests.
// Type errors are `npm run typecheck`'s job, not this hook's.
const fs = require('node:fs');
const Module = require('node:module');
const ts = require('typescript');

const compilerOptions = {
	module: ts.ModuleKind.CommonJS,
	target: ts.ScriptTarget.ES2022,
	esModuleInterop: true,
	resolveJsonModule: true,
	sourceMap: false,
	inlineSourceMap: true,
};

/** @type {Record<string, (module: NodeJS.Module & { _compile(code: string, filename: string): void }, filename: string) => void>} */
const extensions = /** @type {any} */ (Module)._extensions;
extensions['.ts'] = (module, filename) => {
	const source = fs.readFileSync(filename, 'utf8');
	const { outputText } = ts.transpileModule(source, { compilerOptions, fileName: filename });
	module._compile(outputText, filename);
};
// Node tries extensions in this table's order: `./XTrigger.node` must find XTrigger.node.ts before the node's
// codex, XTrigger.node.json, as TypeScript and ts-jest resolve it. So .json and .node go after .ts.
for (const extension of ['.json', '.node']) {
	const load = extensions[extension];
	delete extensions[extension];
	extensions[extension] = load;
}
