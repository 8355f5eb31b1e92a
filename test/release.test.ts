import {
	compareVersions,
	release,
	REQUIRED_TOOLS,
	toolProblems,
	type Npm,
	type RegistryState,
	type Tarball,
} from '../scripts/lib/release';

const VERSION = '0.2.0';
const tarball = (name: string, version = VERSION): Tarball => ({
	file: `.packages/${name}-${version}.tgz`,
	name,
	version,
});
const TARBALLS = [
	'n8n-nodes-botlists',
	'n8n-nodes-botlists-topgg',
	'n8n-nodes-botlists-rankly',
	'n8n-nodes-botlists-bothunt',
].map((name) => tarball(name));

/** A registry in memory: the versions each package has, and the calls made to it in order. No network. */
function fakeNpm(
	registry: Record<string, string[]>,
	failing: { dryRun?: string[]; publish?: string[] } = {},
): Npm & { calls: string[] } {
	const calls: string[] = [];
	return {
		calls,
		lookup(name, version): RegistryState {
			calls.push(`view ${name}@${version}`);
			if (!(name in registry)) return 'new-package';
			return registry[name].includes(version) ? 'published' : 'unpublished';
		},
		dryRun({ name }) {
			calls.push(`dry-run ${name}`);
			if (failing.dryRun?.includes(name)) throw new Error('E403 forbidden');
		},
		publish({ name, version }) {
			calls.push(`publish ${name}`);
			if (failing.publish?.includes(name)) throw new Error('E500 registry down');
			registry[name].push(version);
		},
	};
}

const existing = () => Object.fromEntries(TARBALLS.map(({ name }) => [name, ['0.1.0']]));
const quiet = { log: () => undefined };

describe('release', () => {
	it('dry-runs every tarball before the first publish, then publishes each', () => {
		const npm = fakeNpm(existing());
		const plan = release(TARBALLS, VERSION, npm, quiet);
		expect(plan.publish.map(({ name }) => name)).toEqual(TARBALLS.map(({ name }) => name));
		const firstPublish = npm.calls.findIndex((call) => call.startsWith('publish '));
		expect(
			npm.calls.slice(0, firstPublish).filter((call) => call.startsWith('dry-run ')),
		).toHaveLength(TARBALLS.length);
		expect(npm.calls.filter((call) => call.startsWith('publish '))).toHaveLength(TARBALLS.length);
	});

	it('publishes nothing when one dry run fails, and names it', () => {
		const npm = fakeNpm(existing(), { dryRun: ['n8n-nodes-botlists-rankly'] });
		expect(() => release(TARBALLS, VERSION, npm, quiet)).toThrow(
			/dry-run failed, nothing was published:\nn8n-nodes-botlists-rankly@0\.2\.0: E403/,
		);
		expect(npm.calls.filter((call) => call.startsWith('publish '))).toEqual([]);
		// Every tarball was still dry-run, so one run reports every problem.
		expect(npm.calls.filter((call) => call.startsWith('dry-run '))).toHaveLength(TARBALLS.length);
	});

	it('finishes a half-done release on a re-run: what is on the registry is skipped, the rest published', () => {
		const registry = existing();
		const npm = fakeNpm(registry, { publish: ['n8n-nodes-botlists-rankly'] });
		expect(() => release(TARBALLS, VERSION, npm, quiet)).toThrow(
			/Published in this run: n8n-nodes-botlists@0\.2\.0, n8n-nodes-botlists-topgg@0\.2\.0\. .*re-run/,
		);
		expect(registry['n8n-nodes-botlists-bothunt']).toEqual(['0.1.0']);

		const rerun = fakeNpm(registry);
		const plan = release(TARBALLS, VERSION, rerun, quiet);
		expect(plan.skip.map(({ name }) => name)).toEqual([
			'n8n-nodes-botlists',
			'n8n-nodes-botlists-topgg',
		]);
		expect(rerun.calls.filter((call) => !call.startsWith('view '))).toEqual([
			'dry-run n8n-nodes-botlists-rankly',
			'dry-run n8n-nodes-botlists-bothunt',
			'publish n8n-nodes-botlists-rankly',
			'publish n8n-nodes-botlists-bothunt',
		]);
		for (const { name } of TARBALLS) expect(registry[name]).toContain(VERSION);

		// A third run has nothing left to do.
		const third = fakeNpm(registry);
		expect(release(TARBALLS, VERSION, third, quiet)).toEqual({ skip: TARBALLS, publish: [] });
		expect(third.calls.every((call) => call.startsWith('view '))).toBe(true);
	});

	it('stops before any dry run or publish when a package does not exist on npm yet (its trusted publisher cannot be set)', () => {
		const registry = existing();
		delete registry['n8n-nodes-botlists-bothunt'];
		const npm = fakeNpm(registry);
		expect(() => release(TARBALLS, VERSION, npm, quiet)).toThrow(
			/not on npm yet: n8n-nodes-botlists-bothunt\..*First publish.*Nothing was published/,
		);
		expect(npm.calls.every((call) => call.startsWith('view '))).toBe(true);
	});

	it('stops before any lookup when a tarball carries another version than the release', () => {
		const npm = fakeNpm(existing());
		expect(() =>
			release([...TARBALLS.slice(1), tarball('n8n-nodes-botlists', '0.1.9')], VERSION, npm, quiet),
		).toThrow(/one version for all.*n8n-nodes-botlists@0\.1\.9/);
		expect(npm.calls).toEqual([]);
	});

	it('with publish: false, dry-runs and publishes nothing', () => {
		const npm = fakeNpm(existing());
		release(TARBALLS, VERSION, npm, { ...quiet, publish: false });
		expect(npm.calls.filter((call) => call.startsWith('publish '))).toEqual([]);
		expect(npm.calls.filter((call) => call.startsWith('dry-run '))).toHaveLength(TARBALLS.length);
	});
});

describe('tool versions', () => {
	it("asks for what npm's trusted publishing documents: npm 11.5.1 and Node 22.14.0 or later", () => {
		expect(REQUIRED_TOOLS).toEqual({ node: '22.14.0', npm: '11.5.1' });
		expect(toolProblems({ node: 'v24.11.1', npm: '11.6.2' })).toEqual([]);
		expect(toolProblems({ node: 'v22.14.0', npm: '11.5.1' })).toEqual([]);
	});

	it('names each tool too old, with what to do', () => {
		const problems = toolProblems({ node: 'v20.20.2', npm: '10.9.2' });
		expect(problems).toHaveLength(2);
		expect(problems[0]).toMatch(/^node v20\.20\.2 is older than 22\.14\.0.*node-version 24/);
		expect(problems[1]).toMatch(/^npm 10\.9\.2 is older than 11\.5\.1/);
		expect(toolProblems({ node: 'v24.0.0', npm: '11.3.0' })).toEqual([
			expect.stringMatching(/^npm 11\.3\.0/),
		]);
		expect(toolProblems({ node: 'v24.0.0', npm: 'not a version' })).toHaveLength(1);
	});

	it('compares versions by number, not as text', () => {
		expect(compareVersions('11.10.0', '11.5.1')).toBeGreaterThan(0);
		expect(compareVersions('v22.9.0', '22.14.0')).toBeLessThan(0);
		expect(compareVersions('11.5.1-pre.0', '11.5.1')).toBe(0);
	});
});
