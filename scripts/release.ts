/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/require-node-api-error, no-console -- a development tool run by Node, never loaded by n8n: n8n's rules for the code it loads (no Node built-ins, globals, console or child processes; NodeApiError) do not apply */
/*
 * `npm run release -- <command>` (.github/workflows/release.yml; the steps are in scripts/lib/release.ts):
 * - `check-tools`: fails unless Node and npm are recent enough for trusted publishing;
 * - `dry-run`: looks every tarball of .packages/ up on the registry and runs `npm publish --dry-run` on those not
 *   there yet; publishes nothing (also runs locally, after `npm run packages`);
 * - `publish`: the same, then publishes them.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { readRootManifest, ROOT } from './lib/packages';
import { release, toolProblems, type Npm, type RegistryState, type Tarball } from './lib/release';

const PUBLISH_FLAGS = ['--access', 'public'];

/** Runs npm; returns its standard output, or throws an error carrying npm's JSON error code when it gives one. */
function npm(args: string[], stdio: 'pipe' | 'inherit' = 'pipe'): string {
	try {
		return (
			execFileSync('npm', args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', stdio, stdio] }) ??
			''
		);
	} catch (error) {
		const output = String((error as { stdout?: unknown }).stdout ?? '');
		const code = /"code":\s*"(E\w+)"/.exec(output)?.[1];
		throw Object.assign(
			new Error(
				`npm ${args.join(' ')} exited with ${(error as { status?: number }).status}${code ? ` (${code})` : ''}`,
			),
			{ code },
		);
	}
}

/** npm answers E404 both for a package that does not exist and for a version it does not have: asking for the package tells them apart. */
function lookup(name: string, version: string): RegistryState {
	try {
		return JSON.parse(npm(['view', `${name}@${version}`, 'version', '--json']) || '""') === version
			? 'published'
			: 'unpublished';
	} catch (error) {
		if ((error as { code?: string }).code !== 'E404') throw error;
	}
	try {
		npm(['view', name, 'name', '--json']);
		return 'unpublished';
	} catch (error) {
		if ((error as { code?: string }).code === 'E404') return 'new-package';
		throw error;
	}
}

const realNpm: Npm = {
	lookup,
	dryRun: (tarball) =>
		void npm(['publish', tarball.file, '--dry-run', ...PUBLISH_FLAGS], 'inherit'),
	publish: (tarball) =>
		void npm(['publish', tarball.file, '--provenance', ...PUBLISH_FLAGS], 'inherit'),
};

/** The tarballs of `.packages/` with the name and version of the package.json each holds. */
function tarballsIn(dir: string): Tarball[] {
	return readdirSync(dir)
		.filter((file) => file.endsWith('.tgz'))
		.sort()
		.map((file) => {
			const manifest = JSON.parse(
				execFileSync('tar', ['-xzOf', join(dir, file), 'package/package.json'], {
					encoding: 'utf8',
				}),
			) as { name: string; version: string };
			return { file: join(dir, file), name: manifest.name, version: manifest.version };
		});
}

function main(): void {
	const command = process.argv[2];
	if (command === 'check-tools') {
		const found = { node: process.version, npm: npm(['--version']).trim() };
		const problems = toolProblems(found);
		if (problems.length > 0) throw new Error(problems.join('\n'));
		console.log(`node ${found.node}, npm ${found.npm}: enough for trusted publishing`);
		return;
	}
	if (command !== 'dry-run' && command !== 'publish')
		throw new Error('usage: npm run release -- check-tools | dry-run | publish');
	const tarballs = tarballsIn(join(ROOT, '.packages'));
	const plan = release(tarballs, readRootManifest().version, realNpm, {
		publish: command === 'publish',
	});
	console.log(
		`${plan.publish.length} ${command === 'publish' ? 'published' : 'to publish'}, ${plan.skip.length} already on the registry`,
	);
}

if (require.main === module) {
	try {
		main();
	} catch (error) {
		console.error(error instanceof Error ? error.message : error);
		process.exit(1);
	}
}
