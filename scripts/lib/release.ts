/* eslint-disable @n8n/community-nodes/require-node-api-error, no-console -- a development tool run by Node, never loaded by n8n: n8n's rules for the code it loads (no Node built-ins, globals, console or child processes; NodeApiError) do not apply */
/*
 * What the release does with the tarballs `npm run packages` made (the pack and one per list), written apart from
 * npm so that test/release.test.ts can drive it with a fake registry:
 *
 * 1. the Node and npm versions trusted publishing needs are there;
 * 2. every tarball carries the one version being released;
 * 3. each is looked up on the registry: a version already there is skipped (a re-run finishes a half-done release),
 *    a package that does not exist yet stops the release (npm lets a trusted publisher be set only on a package
 *    that exists: CONTRIBUTING "First publish");
 * 4. `npm publish --dry-run` on every tarball left, and only when all pass,
 * 5. `npm publish` on each, in turn.
 *
 * npm has no transaction over several packages: a publish can still fail after others went through (the registry
 * down, a trusted publisher missing). Steps 3 and 4 catch what can be known beforehand, and step 3 makes the
 * re-run of the same tag publish exactly what is missing.
 */

/**
 * npm's documentation, "Trusted publishing for npm packages" (https://docs.npmjs.com/trusted-publishers):
 * "Trusted publishing requires npm CLI version 11.5.1 or later and Node version 22.14.0 or higher."
 */
export const REQUIRED_TOOLS = { node: '22.14.0', npm: '11.5.1' } as const;

/** `a` compared with `b`, both `x.y.z` (a leading `v` and a pre-release or build suffix ignored): <0, 0 or >0. */
export function compareVersions(a: string, b: string): number {
	const parts = (version: string) =>
		version.replace(/^v/, '').split(/[-+]/)[0].split('.').map(Number);
	const [left, right] = [parts(a), parts(b)];
	for (let index = 0; index < 3; index++) {
		const difference = (left[index] ?? 0) - (right[index] ?? 0);
		if (difference !== 0) return difference;
	}
	return 0;
}

/** What is missing for trusted publishing, one sentence per tool; empty when both are recent enough. */
export function toolProblems(found: { node: string; npm: string }): string[] {
	const problems: string[] = [];
	for (const tool of ['node', 'npm'] as const) {
		if (
			!/^v?\d+\.\d+\.\d+/.test(found[tool]) ||
			compareVersions(found[tool], REQUIRED_TOOLS[tool]) < 0
		) {
			problems.push(
				`${tool} ${found[tool]} is older than ${REQUIRED_TOOLS[tool]}, which npm's trusted publishing needs (https://docs.npmjs.com/trusted-publishers): ` +
					(tool === 'node'
						? 'set actions/setup-node to node-version 24.'
						: 'use a Node whose npm is 11.5.1 or later (Node 24.5 and later), or run `npm install -g npm@11` before publishing.'),
			);
		}
	}
	return problems;
}

/** One tarball: its path and the name and version of the package.json inside it. */
export interface Tarball {
	file: string;
	name: string;
	version: string;
}

/** What the registry holds of `name@version`: that version, the package without that version, or no such package. */
export type RegistryState = 'published' | 'unpublished' | 'new-package';

/** What the release asks of npm: `npm view`, `npm publish --dry-run` and `npm publish`. The two last throw on failure. */
export interface Npm {
	lookup(name: string, version: string): RegistryState;
	dryRun(tarball: Tarball): void;
	publish(tarball: Tarball): void;
}

export interface ReleasePlan {
	skip: Tarball[];
	publish: Tarball[];
}

/** Which tarballs to publish and which are on the registry already; throws, before anything is published, on what would fail for sure. */
export function planRelease(
	tarballs: Tarball[],
	version: string,
	npm: Pick<Npm, 'lookup'>,
): ReleasePlan {
	if (tarballs.length === 0)
		throw new Error('no tarballs to release: run `npm run packages` first');
	const astray = tarballs.filter((tarball) => tarball.version !== version);
	if (astray.length > 0) {
		throw new Error(
			`every package is released at ${version} (one version for all), but ${astray.map((tarball) => `${tarball.name}@${tarball.version}`).join(', ')}`,
		);
	}
	const states = tarballs.map(
		(tarball) => [tarball, npm.lookup(tarball.name, tarball.version)] as const,
	);
	const absent = states
		.filter(([, state]) => state === 'new-package')
		.map(([tarball]) => tarball.name);
	if (absent.length > 0) {
		throw new Error(
			`not on npm yet: ${absent.join(', ')}. A trusted publisher can only be set on a package that exists; ` +
				'publish its placeholder and set its trusted publisher first (CONTRIBUTING.md, "First publish of a package"). Nothing was published.',
		);
	}
	return {
		skip: states.filter(([, state]) => state === 'published').map(([tarball]) => tarball),
		publish: states.filter(([, state]) => state === 'unpublished').map(([tarball]) => tarball),
	};
}

/**
 * Plans, dry-runs every tarball to publish, then (unless `publish` is false) publishes them; returns the plan.
 * Throws at the first failure, saying what is published.
 */
export function release(
	tarballs: Tarball[],
	version: string,
	npm: Npm,
	{ publish = true, log = console.log }: { publish?: boolean; log?: (line: string) => void } = {},
): ReleasePlan {
	const plan = planRelease(tarballs, version, npm);
	for (const tarball of plan.skip)
		log(`skip ${tarball.name}@${tarball.version}: already on the registry`);
	const failed: string[] = [];
	for (const tarball of plan.publish) {
		try {
			npm.dryRun(tarball);
			log(`dry run ${tarball.name}@${tarball.version}: ok`);
		} catch (error) {
			failed.push(
				`${tarball.name}@${tarball.version}: ${error instanceof Error ? error.message : String(error)}`,
			);
		}
	}
	if (failed.length > 0)
		throw new Error(`npm publish --dry-run failed, nothing was published:\n${failed.join('\n')}`);
	if (!publish) return plan;
	const done: string[] = [];
	for (const tarball of plan.publish) {
		try {
			npm.publish(tarball);
		} catch (error) {
			throw new Error(
				`npm publish ${tarball.name}@${tarball.version} failed (${error instanceof Error ? error.message : String(error)}). ` +
					`Published in this run: ${done.join(', ') || 'none'}. Fix the cause and re-run the workflow: what is published is skipped.`,
			);
		}
		done.push(`${tarball.name}@${tarball.version}`);
		log(`published ${tarball.name}@${tarball.version}`);
	}
	return plan;
}
