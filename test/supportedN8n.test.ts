/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-dangerous-functions -- a test run by Jest, never loaded by n8n: n8n's rules for the code it loads (no Node built-ins, globals, console or child processes; NodeApiError) do not apply */
import { execFileSync } from 'child_process';
import {
	cpSync,
	mkdirSync,
	mkdtempSync,
	readFileSync,
	rmSync,
	symlinkSync,
	writeFileSync,
} from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { OLDEST_N8N } from '../nodes/shared/supportedN8n';

/**
 * What every node file does in an n8n whose zod has no `zod/v4` (n8n 1.99.1 ships zod 3.24.1, older ones older
 * zods): it fails with an error saying which n8n the pack needs, not Node's bare resolution error. The node sources
 * run in a child Node.js (through scripts/lib/require-ts.js) from a copy whose node_modules holds the zod under
 * test, as n8n's own node_modules would: a copy, because from the repository they would find its zod 3.25.
 */
const ROOT = join(__dirname, '..');
/** The node files n8n loads, as package.json lists their built form. */
const NODE_FILES: string[] = JSON.parse(
	readFileSync(join(ROOT, 'package.json'), 'utf8'),
).n8n.nodes.map((built: string) => built.replace(/^dist\//, '').replace(/\.js$/, '.ts'));

/** zod 3.24.1's package.json as published, cut to what resolution reads: its exports have no `./v4`. */
const ZOD_3_24 = {
	name: 'zod',
	version: '3.24.1',
	main: './lib/index.js',
	exports: {
		'.': { require: './lib/index.js' },
		'./package.json': './package.json',
		'./locales/*': './lib/locales/*',
	},
};

/** Requires each node file in one child process; the error message each throws, or null when it loads. */
function loadEach(zod: 'repository' | typeof ZOD_3_24): Record<string, string | null> {
	const dir = mkdtempSync(join(tmpdir(), 'botlists-zod-'));
	try {
		cpSync(join(ROOT, 'nodes'), join(dir, 'nodes'), { recursive: true });
		const modules = join(dir, 'node_modules');
		mkdirSync(modules);
		symlinkSync(join(ROOT, 'node_modules', 'n8n-workflow'), join(modules, 'n8n-workflow'));
		if (zod === 'repository') {
			symlinkSync(join(ROOT, 'node_modules', 'zod'), join(modules, 'zod'));
		} else {
			mkdirSync(join(modules, 'zod', 'lib'), { recursive: true });
			writeFileSync(join(modules, 'zod', 'package.json'), JSON.stringify(zod));
			writeFileSync(join(modules, 'zod', 'lib', 'index.js'), 'exports.z = {};\n');
		}
		const script = `
			const outcome = {};
			for (const file of ${JSON.stringify(NODE_FILES)}) {
				try { require('./' + file); outcome[file] = null; } catch (error) { outcome[file] = error.message; }
			}
			process.stdout.write(JSON.stringify(outcome));
		`;
		const output = execFileSync(
			process.execPath,
			['-r', join(ROOT, 'scripts', 'lib', 'require-ts.js'), '-e', script],
			{ cwd: dir, encoding: 'utf8' },
		);
		return JSON.parse(output);
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

describe('an n8n too old for the pack', () => {
	jest.setTimeout(60_000);

	it('fails every node file with the n8n it needs and the zod it found', () => {
		const message = `n8n-nodes-botlists needs n8n ${OLDEST_N8N} or later: this n8n's zod 3.24.1 has no zod/v4`;
		expect(loadEach(ZOD_3_24)).toEqual(
			Object.fromEntries(NODE_FILES.map((file) => [file, message])),
		);
	});

	it('loads every node file from the same copy with a zod that has zod/v4', () => {
		expect(loadEach('repository')).toEqual(
			Object.fromEntries(NODE_FILES.map((file) => [file, null])),
		);
	});
});
