/* eslint-disable @n8n/community-nodes/no-restricted-imports -- a test run by Node, never loaded by n8n: n8n's rules for the code it loads do not apply */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LISTS } from './registry';
import {
	absoluteLinks,
	anchorsOf,
	examplesOf,
	linksOf,
	readmeOf,
	REPOSITORY_URL,
	slugOf,
} from '../scripts/lib/package-readme';
import {
	builtCredentialsOf,
	builtNodesOf,
	manifestOf,
	packageNameOf,
	readRootManifest,
	ROOT,
	staleEntriesOf,
} from '../scripts/lib/packages';

const pack = readRootManifest();
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');
const FILE_URL = `${REPOSITORY_URL}/blob/main/`;
const RAW_URL = `${REPOSITORY_URL.replace('https://github.com/', 'https://raw.githubusercontent.com/')}/main/`;

/** Why `target`, a link of a single-list README, would not resolve on npmjs.com; undefined when it does. */
function deadLink(target: string, readme: string): string | undefined {
	if (target.startsWith('#'))
		return anchorsOf(readme).has(target.slice(1))
			? undefined
			: 'in-page anchor with no heading in this README';
	if (!/^https?:\/\//.test(target)) return 'relative link';
	const [url, anchor] = target.split('#');
	if (url === REPOSITORY_URL)
		return anchor === undefined || anchorsOf(README).has(anchor)
			? undefined
			: "anchor with no heading in the repository's README.md";
	for (const base of [FILE_URL, RAW_URL]) {
		if (!url.startsWith(base)) continue;
		const path = url.slice(base.length);
		if (!existsSync(join(ROOT, path))) return 'no such file in the repository';
		if (anchor !== undefined && !anchorsOf(readFileSync(join(ROOT, path), 'utf8')).has(anchor))
			return `no heading "${anchor}" in ${path}`;
	}
	return undefined;
}

describe.each(LISTS.map((kit) => [packageNameOf(kit), kit] as const))('%s', (_name, kit) => {
	it('has its folder packages/<package>/ in step with the registry (npm run packages -- --write rewrites it)', () => {
		expect(staleEntriesOf(kit)).toEqual([]);
	});

	it("ships the pack's own built node and credential, and nothing the pack does not", () => {
		const { n8n } = manifestOf(kit);
		expect(n8n.nodes).toEqual(builtNodesOf(kit));
		expect(n8n.credentials).toEqual(builtCredentialsOf(kit));
		for (const node of builtNodesOf(kit)) expect(pack.n8n.nodes).toContain(node);
		for (const credential of builtCredentialsOf(kit))
			expect(pack.n8n.credentials).toContain(credential);
	});

	it("carries the pack's version, licence, n8n keyword and peer, and no dependencies", () => {
		const manifest = manifestOf(kit);
		expect(manifest).toMatchObject({
			version: pack.version,
			license: pack.license,
			peerDependencies: { 'n8n-workflow': '*' },
			files: ['dist'],
		});
		expect(manifest.keywords).toContain('n8n-community-node-package');
		expect(manifest).not.toHaveProperty('dependencies');
	});

	it("has a README with the list's setup section and no other list's", () => {
		const readme = readmeOf(kit, packageNameOf(kit));
		expect(readme).toContain(`## Setup: ${kit.platform.displayName}`);
		for (const other of LISTS.filter((entry) => entry !== kit))
			expect(readme).not.toContain(`<details><summary>${other.platform.displayName}: `);
	});

	it('has a README whose links all resolve as npmjs.com shows it: absolute, to files of the repository and headings that exist', () => {
		const readme = readmeOf(kit, packageNameOf(kit));
		const links = linksOf(readme);
		expect(links.length).toBeGreaterThan(10);
		const dead = links
			.map(({ target }) => [target, deadLink(target, readme)])
			.filter(([, why]) => why !== undefined);
		expect(dead).toEqual([]);
	});

	it('has a README linking every example workflow with its trigger, on GitHub', () => {
		const readme = readmeOf(kit, packageNameOf(kit));
		const examples = examplesOf(kit, README);
		expect(examples.length).toBeGreaterThan(0);
		for (const { file, does } of examples) {
			expect(linksOf(readme).map(({ target }) => target)).toContain(`${FILE_URL}examples/${file}`);
			expect(does).not.toBe('');
		}
	});

	it("has a homepage that exists: the list's setup section of the repository's README", () => {
		const { homepage } = manifestOf(kit);
		expect(homepage).toBe(`${REPOSITORY_URL}#${slugOf(kit.platform.displayName)}`);
		expect(README.split('\n')).toContain(`### ${kit.platform.displayName}`);
		expect(anchorsOf(README)).toContain(String(homepage).split('#')[1]);
	});
});

describe('single-list README links', () => {
	it('makes relative links absolute, images from raw files, and sends anchors missing from the cut to the repository README', () => {
		const cut = [
			'# Cut',
			'## Kept',
			'See [kept](#kept), [gone](#benchmarks), [file](docs/scaling.md), ![shot](docs/images/diffcord-node.png) and [web](https://n8n.io).',
			'```md',
			'[in code](not/a/link)',
			'```',
		].join('\n');
		expect(absoluteLinks(cut).split('\n')[2]).toBe(
			`See [kept](#kept), [gone](${REPOSITORY_URL}#benchmarks), [file](${FILE_URL}docs/scaling.md), ![shot](${RAW_URL}docs/images/diffcord-node.png) and [web](https://n8n.io).`,
		);
		expect(absoluteLinks(cut)).toContain('[in code](not/a/link)');
		expect(
			linksOf(absoluteLinks(cut)).map(({ target }) => deadLink(target, absoluteLinks(cut))),
		).toEqual([undefined, undefined, undefined, undefined, undefined]);
	});

	it('finds the dead links of the READMEs as they were cut before: relative files and anchors of sections left out', () => {
		const before =
			'# Cut\n\nSee [Benchmarks](#benchmarks), [BENCHMARKS.md](BENCHMARKS.md) and [answer time](#answer-time-discordplace).';
		expect(linksOf(before).map(({ target }) => deadLink(target, before))).toEqual([
			'in-page anchor with no heading in this README',
			'relative link',
			'in-page anchor with no heading in this README',
		]);
	});

	it('gives headings the anchors GitHub and npmjs.com give them', () => {
		expect([
			...anchorsOf(
				"### Answer time (discord.place)\n## Setup: Top.gg\n### Another list's deliveries\n## Output\n## Output",
			),
		]).toEqual([
			'answer-time-discordplace',
			'setup-topgg',
			'another-lists-deliveries',
			'output',
			'output-1',
		]);
	});
});
