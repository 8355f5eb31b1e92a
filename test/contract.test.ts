/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- a test run by Jest, never loaded by n8n: n8n's rules for the code it loads (no Node built-ins, globals, console or child processes; NodeApiError) do not apply */
import { existsSync, readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import { LISTS } from './registry';
import type { ListKit } from './shared/kit';
import { MANUAL_INSTALL_COMMAND } from '../scripts/lib/runtime';

const root = join(__dirname, '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

/** Where n8n finds a list's nodes and credentials once built: package.json's `n8n` section must name exactly these. */
const nodeFilesOf = (kit: ListKit) => [
	`dist/nodes/${kit.folder}/${kit.Node.name}.node.js`,
	...(kit.api ? [`dist/nodes/${kit.folder}/${kit.api.Node.name}.node.js`] : []),
];
const credentialFilesOf = (kit: ListKit) => [
	`dist/credentials/${kit.Credential.name}.credentials.js`,
	...(kit.api ? [`dist/credentials/${kit.api.Credential.name}.credentials.js`] : []),
];

describe('package.json', () => {
	it('is the community package of the contract', () => {
		expect(pkg.name).toBe('n8n-nodes-botlists');
		expect(pkg.license).toBe('MIT');
		expect(pkg.keywords).toContain('n8n-community-node-package');
		expect(pkg.peerDependencies).toEqual({ 'n8n-workflow': '*' });
		expect(pkg.dependencies ?? {}).toEqual({});
		expect(pkg.files).toEqual(['dist']);
	});

	it('lists exactly the registry: each list its nodes and its credentials, under dist/', () => {
		expect([...pkg.n8n.nodes].sort()).toEqual(LISTS.flatMap(nodeFilesOf).sort());
		expect([...pkg.n8n.credentials].sort()).toEqual(LISTS.flatMap(credentialFilesOf).sort());
		for (const path of [...pkg.n8n.nodes, ...pkg.n8n.credentials]) {
			const source = join(root, path.replace(/^dist\//, '').replace(/\.js$/, '.ts'));
			expect([path, existsSync(source)]).toEqual([path, true]);
		}
	});

	it('names each list once, with distinct platform values, node names and credential types', () => {
		for (const key of [
			(kit: ListKit) => kit.platform.name,
			(kit: ListKit) => new kit.Node().description.name,
			(kit: ListKit) => kit.platform.credentialType,
		]) {
			expect(new Set(LISTS.map(key)).size).toBe(LISTS.length);
		}
	});
});

describe.each(LISTS.map((kit) => [kit.platform.displayName, kit] as const))(
	'%s Trigger',
	(_name, kit) => {
		const node = new kit.Node();
		const { description } = node;
		const credential = new kit.Credential();

		it('uses the credential type its platform verifies with', () => {
			expect(description.credentials).toEqual([
				expect.objectContaining({ name: kit.platform.credentialType, required: true }),
			]);
			expect(credential.name).toBe(kit.platform.credentialType);
		});

		it('is a trigger with one POST webhook at path "webhook" and one main output', () => {
			expect(description.group).toEqual(['trigger']);
			expect(description.inputs).toEqual([]);
			expect(description.outputs).toEqual(['main']);
			expect(description.webhooks).toEqual([
				expect.objectContaining({
					name: 'default',
					httpMethod: 'POST',
					path: 'webhook',
					responseData: '',
				}),
			]);
		});

		it('keeps loading workflows saved with versions 1 and 1.1 and puts version 2 on new canvases', () => {
			// n8n evaluates an expression on every request to version 1 of any webhook node; 1.1 spares it; 2 has Trigger On.
			expect(description.version).toEqual([1, 1.1, 2]);
			expect(description.defaultVersion).toBe(2);
		});

		it('registers nothing remotely: the user pastes the URL', async () => {
			const methods = node.webhookMethods!.default!;
			await expect(methods.checkExists.call({} as never)).resolves.toBe(true);
			await expect(methods.create.call({} as never)).resolves.toBe(true);
			await expect(methods.delete.call({} as never)).resolves.toBe(true);
		});

		it('tests its credential through testedBy', () => {
			const testedBy = description.credentials![0].testedBy as string;
			expect(typeof node.methods!.credentialTest![testedBy]).toBe('function');
		});

		it('has a codex file naming the node type and light and dark icons that exist', () => {
			const folder = join(root, 'nodes', kit.folder);
			const codex = JSON.parse(readFileSync(join(folder, `${kit.Node.name}.node.json`), 'utf8'));
			expect(codex.node).toBe(`n8n-nodes-botlists.${description.name}`);
			const icon = description.icon as { light: string; dark: string };
			for (const file of [icon.light, icon.dark])
				expect(existsSync(join(folder, file.replace('file:', '')))).toBe(true);
		});

		it('has a credential of password-typed secret fields, with icon and documentation', () => {
			for (const property of credential.properties)
				expect(property.typeOptions?.password).toBe(true);
			expect(credential.documentationUrl).toMatch(/^https:\/\//);
			const icon = credential.icon as { light: string; dark: string };
			for (const file of [icon.light, icon.dark])
				expect(existsSync(join(root, 'credentials', file.replace('file:', '')))).toBe(true);
		});

		it('has test and demo credentials that fill every credential field, with secrets of its own', () => {
			const fields = credential.properties.map((property) => property.name).sort();
			expect(Object.keys(kit.credentials).sort()).toEqual(fields);
			expect(Object.keys(kit.demoCredentials).sort()).toEqual(fields);
			const others = LISTS.filter((other) => other !== kit).flatMap((other) =>
				Object.values(other.credentials),
			);
			for (const secret of Object.values(kit.credentials)) expect(others).not.toContain(secret);
		});

		it('offers a Bot ID parameter exactly when its deliveries do not name their target', () => {
			const names = description.properties.map((property) => property.name);
			expect(names.includes('botId')).toBe(kit.platform.omitsTarget === true);
		});

		it('has a test folder of its own, and its development files there rather than in the node folder', () => {
			// `<List>.test.ts`, or that file split by concern into `<List>.<concern>.test.ts`.
			const ownTests = readdirSync(join(root, 'test', kit.folder)).filter(
				(file) => file.startsWith(`${kit.folder}.`) && file.endsWith('.test.ts'),
			);
			expect(ownTests).not.toEqual([]);
			for (const file of ['kit.ts', 'examples.json', 'test'])
				expect(existsSync(join(root, 'nodes', kit.folder, file))).toBe(false);
		});
	},
);

describe('the manual install the documents give', () => {
	const tarball = `./${pkg.name}-${pkg.version}.tgz`;
	it.each(['README.md', 'docs/scaling.md', 'docs/docker-compose.yml'])(
		'%s gives the command the end-to-end suite runs, for this version',
		(file) => {
			expect(readFileSync(join(root, file), 'utf8')).toContain(
				`${MANUAL_INSTALL_COMMAND} ${tarball}`,
			);
		},
	);
});
