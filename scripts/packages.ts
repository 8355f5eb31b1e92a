/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, no-console, @n8n/community-nodes/no-dangerous-functions -- a development tool run by Node, never loaded by n8n: n8n's rules for the code it loads (no Node built-ins, globals, console or child processes; NodeApiError) do not apply */
/*
 * `npm run packages`: builds the pack, then packs it and one package per list of test/registry.ts into
 * `--out` (.packages/ by default): n8n-nodes-botlists-<version>.tgz and n8n-nodes-botlists-<platform>-<version>.tgz.
 * `npm run packages -- --write` rewrites packages/<package>/ (package.json, eslint.config.mjs, source links)
 * from the registry, after a list is added or package.json's shared fields change; test/packages.test.ts
 * fails until then.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { LISTS } from '../test/registry';
import { packageNameOf, ROOT, stagePackage, writeCommittedFiles } from './lib/packages';

/** The value after `flag` on the command line, or `fallback`. */
function option(flag: string, fallback: string): string {
	const index = process.argv.indexOf(flag);
	return index < 0 ? fallback : process.argv[index + 1];
}

/** `npm pack`s `dir` into `out` and returns the tarball's path. */
function pack(dir: string, out: string): string {
	const [result] = JSON.parse(
		execFileSync('npm', ['pack', '--json', '--pack-destination', out], {
			cwd: dir,
			encoding: 'utf8',
		}),
	) as Array<{ filename: string }>;
	return join(out, result.filename);
}

/**
 * Builds once, packs the pack and every single-list package; returns the tarballs, the pack's first. The
 * single-list packages are staged outside the repository: n8n-node lint at the root lints every file there.
 */
export function packAll(out: string): string[] {
	rmSync(out, { recursive: true, force: true });
	mkdirSync(out, { recursive: true });
	execFileSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: 'inherit' });
	const tarballs = [pack(ROOT, out)];
	const stage = mkdtempSync(join(tmpdir(), 'botlists-stage-'));
	try {
		for (const kit of LISTS)
			tarballs.push(pack(stagePackage(kit, join(stage, packageNameOf(kit))), out));
	} finally {
		rmSync(stage, { recursive: true, force: true });
	}
	return tarballs;
}

function main(): void {
	if (process.argv.includes('--write')) {
		for (const kit of LISTS) writeCommittedFiles(kit);
		console.log(`wrote packages/ for ${LISTS.length} lists`);
		return;
	}
	const out = resolve(option('--out', join(ROOT, '.packages')));
	const tarballs = packAll(out);
	console.log(
		readdirSync(out).filter((file) => file.endsWith('.tgz')).length === tarballs.length
			? tarballs.join('\n')
			: 'tarballs missing',
	);
}

if (require.main === module) main();
