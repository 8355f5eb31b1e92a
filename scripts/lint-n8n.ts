/*
 * `npm run lint:n8n`: n8n's own checks over the pack and every single-list package, offline.
 *
 * - `n8n-node lint` (@n8n/node-cli, strict mode: eslint.config.mjs must be n8n's template) in each package's
 *   source folder: packages/<package>/ for a list; for the pack a folder under .packages/ that holds the pack's
 *   package.json and its shipped sources (README "n8n's checks": the repository root also holds the tools and
 *   tests, which n8n's config is not written for).
 * - n8n's scanner (@n8n/scan-community-package), both of its lint legs, as it runs once a package is published:
 *   the source leg on `package.json` and `{nodes,credentials}/**` of the folder whose package.json has the
 *   package's name, in a copy of the repository's files (what a commit holds), and the tarball leg on the
 *   packed tarball's `.js` files and package.json; inline eslint comments ignored, as the scanner ignores them.
 *   Its provenance check needs the published package and is left to the release (CONTRIBUTING.md).
 *
 * Prints one line per package and check; exits 1 on any error or warning but the justified ones below.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { LISTS } from '../test/registry';
import { isShippedSource, N8N_ESLINT_TEMPLATE, packageDirOf, packageNameOf, readRootManifest, ROOT, sourcesOf } from './lib/packages';
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
const importModule = new Function('specifier', 'return import(specifier)') as (specifier: string) => Promise<Record<string, unknown>>;

/** A folder holding a copy of `node_modules` resolution: a symlink to the repository's. */
function linkNodeModules(dir: string): void {
	if (!existsSync(join(dir, 'node_modules'))) symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
}

/** The pack's source folder for `n8n-node lint`: its package.json, n8n's eslint config and links to every list's sources. */
function packLintFolder(out: string): string {
	const dir = join(out, 'lint', 'n8n-nodes-botlists');
	rmSync(dir, { recursive: true, force: true });
	mkdirSync(dir, { recursive: true });
	writeFileSync(join(dir, 'package.json'), readFileSync(join(ROOT, 'package.json')));
	writeFileSync(join(dir, 'eslint.config.mjs'), readFileSync(N8N_ESLINT_TEMPLATE));
	for (const source of new Set(LISTS.flatMap(sourcesOf))) {
		mkdirSync(dirname(join(dir, source)), { recursive: true });
		symlinkSync(join(ROOT, source), join(dir, source));
	}
	linkNodeModules(dir);
	return dir;
}

/** `n8n-node lint` in `dir`: its ESLint report's problems (colours removed), or its exit code when it reports none. */
function n8nNodeLint(dir: string): Promise<Verdict> {
	const bin = join(ROOT, 'node_modules', '.bin', 'n8n-node');
	const child = spawn(bin, ['lint'], { cwd: dir, env: { ...process.env, FORCE_COLOR: '0', CI: 'true' }, stdio: ['ignore', 'pipe', 'pipe'] });
	let output = '';
	child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
	child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
	return new Promise((resolve) => {
		child.on('close', (code) => {
			const text = output.replace(/\x1b\[[0-9;]*m/g, '');
			const problems = text.split('\n').filter((line) => /^\s+\d+:\d+\s+(error|warning)\s/.test(line) || /Strict mode violation/.test(line));
			if (code !== 0 && problems.length === 0) problems.push(`exit ${code}: ${text.trim().split('\n').slice(-5).join(' / ')}`);
			resolve({ check: 'n8n-node lint (strict)', problems, justified: [] });
		});
	});
}

/** Runs `task` over `items`, two at a time: the machines CI runs on have two cores. */
async function inPairs<Item, Result>(items: readonly Item[], task: (item: Item) => Promise<Result>): Promise<Result[]> {
	const results: Result[] = [];
	for (let index = 0; index < items.length; index += 2) results.push(...(await Promise.all(items.slice(index, index + 2).map(task))));
	return results;
}

/** The repository's files as a commit of the working tree would hold them, symlinks kept, in a new folder. */
function snapshotOfRepository(): string {
	const dir = mkdtempSync(join(tmpdir(), 'botlists-source-'));
	const files = execFileSync('git', ['ls-files', '-co', '--exclude-standard', '-z'], { cwd: ROOT, encoding: 'utf8' }).split('\0').filter((file) => file && existsSync(join(ROOT, file)));
	execFileSync('tar', ['-cf', join(dir, 'source.tar'), '--null', '-T', '-'], { cwd: ROOT, input: files.join('\0') });
	execFileSync('tar', ['-xf', 'source.tar'], { cwd: dir });
	rmSync(join(dir, 'source.tar'));
	return dir;
}

interface Scanner {
	buildScanConfig(): Promise<unknown>;
	findPackageRoot(sourceDir: string, packageName: string): string | null;
	SOURCE_FILE_PATTERNS: string[];
}

/** Lints `patterns` under `dir` exactly as the scanner's analyzePackage does, keeping the warnings it drops. */
async function scannerLeg(scanner: Scanner, check: string, dir: string, patterns: string[]): Promise<Verdict> {
	const scannerRequire = createRequire(join(SCANNER_DIR, 'scanner', 'scanner.mjs'));
	const { ESLint } = scannerRequire('eslint') as typeof import('eslint');
	const glob = scannerRequire('fast-glob') as { sync(patterns: string[], options: object): string[] };
	const eslint = new ESLint({ cwd: dir, allowInlineConfig: false, overrideConfigFile: true, overrideConfig: (await scanner.buildScanConfig()) as never });
	const files = glob.sync(patterns, { cwd: dir, absolute: true, ignore: ['node_modules/**', '**/package-lock.json'] });
	const verdict: Verdict = { check: `${check} (${files.length} files)`, problems: [], justified: [] };
	if (files.length === 0) verdict.problems.push('no files to analyse');
	for (const result of await eslint.lintFiles(files)) {
		for (const message of result.messages) {
			const line = `${result.filePath.slice(dir.length + 1)}:${message.line} ${message.severity === 2 ? 'error' : 'warning'} ${message.message} (${message.ruleId})`;
			const justified = message.severity === 1 && message.ruleId !== null && message.ruleId in JUSTIFIED_WARNINGS;
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
	const justified = verdict.justified.length ? `, ${verdict.justified.length} justified warning(s)` : '';
	console.log(`${name}  ${verdict.check}: ${state}${justified}`);
	for (const line of verdict.problems) console.log(`    ${line}`);
	return verdict.problems.length === 0;
}

async function main(): Promise<void> {
	const out = join(ROOT, '.packages');
	const tarballs = packAll(out);
	const scanner = (await importModule(pathToFileURL(join(SCANNER_DIR, 'scanner', 'scanner.mjs')).href)) as unknown as Scanner;
	const source = snapshotOfRepository();
	const packages = [
		{ name: readRootManifest().name, lintDir: packLintFolder(out), tarball: tarballs[0] },
		...LISTS.map((kit, index) => ({ name: packageNameOf(kit), lintDir: packageDirOf(kit), tarball: tarballs[index + 1] })),
	];
	for (const { lintDir } of packages) linkNodeModules(lintDir);
	const lints = await inPairs(packages, ({ lintDir }) => n8nNodeLint(lintDir));
	let clean = true;
	for (const [index, { name, lintDir, tarball }] of packages.entries()) {
		clean = report(name, lints[index]) && clean;
		// The pack's own folder is the repository root, whose nodes/ also holds each list's kit and tests: the
		// scanner's rules are not written for them. n8n never scans the pack (it verifies one service per package),
		// so its source leg runs on its shipped sources, and the root's is printed for information only.
		const root = index === 0 ? lintDir : scanner.findPackageRoot(source, name);
		const sourceVerdict = root === null ? { check: 'scanner source leg', problems: [`no package.json named ${name} in the repository`], justified: [] } : await scannerLeg(scanner, 'scanner source leg', root, scanner.SOURCE_FILE_PATTERNS);
		clean = report(name, sourceVerdict) && clean;
		const tarballDir = unpack(tarball);
		clean = report(name, await scannerLeg(scanner, 'scanner tarball leg', tarballDir, ['**/*.js', 'package.json'])) && clean;
		rmSync(tarballDir, { recursive: true, force: true });
	}
	const atRoot = await scannerLeg(scanner, 'scanner source leg at the repository root (information only: the pack is never scanned)', source, scanner.SOURCE_FILE_PATTERNS);
	const files = new Set(atRoot.problems.map((line) => line.split(':')[0]));
	const shipped = [...files].filter(isShippedSource);
	console.log(`${packages[0].name}  ${atRoot.check}: ${atRoot.problems.length} problem(s) in ${files.size} development files (kits, tests, examples), ${shipped.length} in shipped ones`);
	for (const file of shipped) console.log(`    shipped, yet reported: ${file}`);
	clean = shipped.length === 0 && clean;
	for (const [rule, reason] of Object.entries(JUSTIFIED_WARNINGS)) console.log(`justified: ${rule}: ${reason}`);
	rmSync(source, { recursive: true, force: true });
	console.log(clean ? `n8n's checks: clean (${packages.length} packages)` : "n8n's checks: problems above");
	if (!clean) process.exitCode = 1;
}

void main();
