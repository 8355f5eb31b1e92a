/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, no-console, @n8n/community-nodes/no-dangerous-functions -- a development tool run by Node, never loaded by n8n: n8n's rules for the code it loads (no Node built-ins, globals, console or child processes; NodeApiError) do not apply */
/*
 * `npm run lint:n8n`: n8n's own checks over the pack and every single-list package, offline, on the repository as
 * it is.
 *
 * - `n8n-node lint` (@n8n/node-cli, strict mode: eslint.config.mjs is n8n's template) in each package's source
 *   folder: the repository root for the pack, packages/<package>/ for a list.
 * - n8n's scanner (@n8n/scan-community-package), both of its lint legs, as it runs once a package is published:
 *   the source leg on `package.json` and `{nodes,credentials}/**` of the folder whose package.json has the
 *   package's name, and the tarball leg on the packed tarball's `.js` files and package.json; inline eslint
 *   comments ignored, as the scanner ignores them. Its provenance check needs the published package and is left to
 *   the release (CONTRIBUTING.md). The tarballs are `npm run packages`'s, packed into .packages/.
 *
 * Prints one line per package and check; exits 1 on any error or warning but the justified ones below.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { LISTS } from '../test/registry';
import { packageDirOf, packageNameOf, readRootManifest, ROOT } from './lib/packages';
import { packAll } from './packages';

/**
 * Warnings of the scanner's source leg that stay, each for a reason (README "n8n's checks"). The leg ignores the
 * inline comments that give the reason in the code.
 */
const JUSTIFIED_WARNINGS: Readonly<Record<string, string>> = {
	'@n8n/community-nodes/credential-unnecessary-password':
		'the field is a shared secret whose name the rule does not recognise as one (authorization, hookKey, verificationCode): it stays hidden',
};

interface Verdict {
	check: string;
	problems: string[];
	justified: string[];
}

const SCANNER_DIR = dirname(require.resolve('@n8n/scan-community-package/package.json'));
// An ES module, imported from this CommonJS script; `import()` written out would be compiled to require().
const importModule = new Function('specifier', 'return import(specifier)') as (
	specifier: string,
) => Promise<Record<string, unknown>>;

/** `n8n-node lint` in `dir`: its ESLint report's problems (colours removed), or its exit code when it reports none. */
function n8nNodeLint(dir: string): Promise<Verdict> {
	const bin = join(ROOT, 'node_modules', '.bin', 'n8n-node');
	const child = spawn(bin, ['lint'], {
		cwd: dir,
		env: { ...process.env, FORCE_COLOR: '0', CI: 'true' },
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	let output = '';
	child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
	child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
	return new Promise((resolve) => {
		child.on('close', (code) => {
			// eslint-disable-next-line no-control-regex -- control characters are what this pattern matches
			const text = output.replace(/\x1b\[[0-9;]*m/g, '');
			const problems = text
				.split('\n')
				.filter(
					(line) =>
						/^\s+\d+:\d+\s+(error|warning)\s/.test(line) || /Strict mode violation/.test(line),
				);
			if (code !== 0 && problems.length === 0)
				problems.push(`exit ${code}: ${text.trim().split('\n').slice(-5).join(' / ')}`);
			resolve({ check: 'n8n-node lint (strict)', problems, justified: [] });
		});
	});
}

/** Runs `task` over `items`, two at a time: the machines CI runs on have two cores. */
async function inPairs<Item, Result>(
	items: readonly Item[],
	task: (item: Item) => Promise<Result>,
): Promise<Result[]> {
	const results: Result[] = [];
	for (let index = 0; index < items.length; index += 2)
		results.push(...(await Promise.all(items.slice(index, index + 2).map(task))));
	return results;
}

interface Scanner {
	buildScanConfig(): Promise<unknown>;
	findPackageRoot(sourceDir: string, packageName: string): string | null;
	SOURCE_FILE_PATTERNS: string[];
}

/** Lints `patterns` under `dir` exactly as the scanner's analyzePackage does, keeping the warnings it drops. */
async function scannerLeg(
	scanner: Scanner,
	check: string,
	dir: string,
	patterns: string[],
): Promise<Verdict> {
	const scannerRequire = createRequire(join(SCANNER_DIR, 'scanner', 'scanner.mjs'));
	const { ESLint } = scannerRequire('eslint') as typeof import('eslint');
	const glob = scannerRequire('fast-glob') as {
		sync(patterns: string[], options: object): string[];
	};
	const eslint = new ESLint({
		cwd: dir,
		allowInlineConfig: false,
		overrideConfigFile: true,
		overrideConfig: (await scanner.buildScanConfig()) as never,
	});
	const files = glob.sync(patterns, {
		cwd: dir,
		absolute: true,
		ignore: ['node_modules/**', '**/package-lock.json'],
	});
	const verdict: Verdict = {
		check: `${check} (${files.length} files)`,
		problems: [],
		justified: [],
	};
	if (files.length === 0) verdict.problems.push('no files to analyse');
	for (const result of await eslint.lintFiles(files)) {
		for (const message of result.messages) {
			const line = `${result.filePath.slice(dir.length + 1)}:${message.line} ${message.severity === 2 ? 'error' : 'warning'} ${message.message} (${message.ruleId})`;
			const justified =
				message.severity === 1 && message.ruleId !== null && message.ruleId in JUSTIFIED_WARNINGS;
			(justified ? verdict.justified : verdict.problems).push(line);
		}
	}
	return verdict;
}

/** The tarball unpacked into a new folder, as the scanner unpacks what it downloads. */
function unpack(tarball: string): string {
	const dir = mkdtempSync(join(tmpdir(), 'botlists-tarball-'));
	execFileSync('tar', ['-xzf', tarball, '-C', dir, '--strip-components=1']);
	return dir;
}

function report(name: string, verdict: Verdict): boolean {
	const state = verdict.problems.length ? `${verdict.problems.length} problem(s)` : 'clean';
	const justified = verdict.justified.length
		? `, ${verdict.justified.length} justified warning(s)`
		: '';
	console.log(`${name}  ${verdict.check}: ${state}${justified}`);
	for (const line of verdict.problems) console.log(`    ${line}`);
	return verdict.problems.length === 0;
}

async function main(): Promise<void> {
	const tarballs = packAll(join(ROOT, '.packages'));
	const scanner = (await importModule(
		pathToFileURL(join(SCANNER_DIR, 'scanner', 'scanner.mjs')).href,
	)) as unknown as Scanner;
	const packages = [
		{ name: readRootManifest().name, lintDir: ROOT, tarball: tarballs[0] },
		...LISTS.map((kit, index) => ({
			name: packageNameOf(kit),
			lintDir: packageDirOf(kit),
			tarball: tarballs[index + 1],
		})),
	];
	const lints = await inPairs(packages, ({ lintDir }) => n8nNodeLint(lintDir));
	let clean = true;
	for (const [index, { name, tarball }] of packages.entries()) {
		clean = report(name, lints[index]) && clean;
		const root = scanner.findPackageRoot(ROOT, name);
		const sourceVerdict =
			root === null
				? {
						check: 'scanner source leg',
						problems: [`no package.json named ${name} in the repository`],
						justified: [],
					}
				: await scannerLeg(scanner, 'scanner source leg', root, scanner.SOURCE_FILE_PATTERNS);
		clean = report(name, sourceVerdict) && clean;
		const tarballDir = unpack(tarball);
		clean =
			report(
				name,
				await scannerLeg(scanner, 'scanner tarball leg', tarballDir, ['**/*.js', 'package.json']),
			) && clean;
		rmSync(tarballDir, { recursive: true, force: true });
	}
	for (const [rule, reason] of Object.entries(JUSTIFIED_WARNINGS))
		console.log(`justified: ${rule}: ${reason}`);
	console.log(
		clean ? `n8n's checks: clean (${packages.length} packages)` : "n8n's checks: problems above",
	);
	if (!clean) process.exitCode = 1;
}

void main();
