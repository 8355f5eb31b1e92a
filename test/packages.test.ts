import { LISTS } from './registry';
import { builtCredentialOf, builtNodeOf, manifestOf, packageNameOf, readmeOf, readRootManifest, staleEntriesOf } from '../scripts/lib/packages';

const pack = readRootManifest();

describe.each(LISTS.map((kit) => [packageNameOf(kit), kit] as const))('%s', (_name, kit) => {
	it('has its folder packages/<package>/ in step with the registry (npm run packages -- --write rewrites it)', () => {
		expect(staleEntriesOf(kit)).toEqual([]);
	});

	it("ships the pack's own built node and credential, and nothing the pack does not", () => {
		const { n8n } = manifestOf(kit);
		expect(n8n.nodes).toEqual([builtNodeOf(kit)]);
		expect(n8n.credentials).toEqual([builtCredentialOf(kit)]);
		expect(pack.n8n.nodes).toContain(builtNodeOf(kit));
		expect(pack.n8n.credentials).toContain(builtCredentialOf(kit));
	});

	it("carries the pack's version, licence, n8n keyword and peer, and no dependencies", () => {
		const manifest = manifestOf(kit);
		expect(manifest).toMatchObject({ version: pack.version, license: pack.license, peerDependencies: { 'n8n-workflow': '*' }, files: ['dist'] });
		expect(manifest.keywords).toContain('n8n-community-node-package');
		expect(manifest).not.toHaveProperty('dependencies');
	});

	it("has a README with the list's setup section and no other list's", () => {
		const readme = readmeOf(kit);
		expect(readme).toContain(`## Setup: ${kit.platform.displayName}`);
		for (const other of LISTS.filter((entry) => entry !== kit)) expect(readme).not.toContain(`<details><summary>${other.platform.displayName}: `);
	});
});
