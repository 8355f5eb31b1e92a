import { existsSync, readFileSync } from 'fs';
import { join } from 'path';
import type { ICredentialType, INodeType } from 'n8n-workflow';
import { BoticordWebhookApi } from '../credentials/BoticordWebhookApi.credentials';
import { DiffcordWebhookApi } from '../credentials/DiffcordWebhookApi.credentials';
import { DiscollabWebhookApi } from '../credentials/DiscollabWebhookApi.credentials';
import { RanklyWebhookApi } from '../credentials/RanklyWebhookApi.credentials';
import { nodesUnderTest } from './helpers/nodes';

const root = join(__dirname, '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

/** The public names of shared/spec/contract.md: saved workflows reference them. */
const CONTRACT = [
	{ platform: 'diffcord', displayName: 'Diffcord Trigger', name: 'diffcordTrigger', credential: 'diffcordWebhookApi', fields: ['verificationCode'] },
	{ platform: 'discollab', displayName: 'Discollab Trigger', name: 'discollabTrigger', credential: 'discollabWebhookApi', fields: ['token'] },
	{ platform: 'rankly', displayName: 'Rankly Trigger', name: 'ranklyTrigger', credential: 'ranklyWebhookApi', fields: ['authorization', 'voteSecret', 'premiumSecret'] },
	{ platform: 'boticord', displayName: 'Boticord Trigger', name: 'boticordTrigger', credential: 'boticordWebhookApi', fields: ['hookKey'] },
];

const credentialTypes: ICredentialType[] = [
	new DiffcordWebhookApi(),
	new DiscollabWebhookApi(),
	new RanklyWebhookApi(),
	new BoticordWebhookApi(),
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

	it('lists every node and credential under dist/', () => {
		expect(pkg.n8n.nodes).toHaveLength(4);
		expect(pkg.n8n.credentials).toHaveLength(4);
		for (const path of [...pkg.n8n.nodes, ...pkg.n8n.credentials]) {
			const source = join(root, path.replace(/^dist\//, '').replace(/\.js$/, '.ts'));
			expect([path, existsSync(source)]).toEqual([path, true]);
		}
	});
});

describe.each(CONTRACT)('$displayName', (expected) => {
	const node = nodesUnderTest.find((entry) => entry.platform === expected.platform)!.node as INodeType;
	const { description } = node;

	it('keeps its public node and credential names', () => {
		expect(description.displayName).toBe(expected.displayName);
		expect(description.name).toBe(expected.name);
		expect(description.credentials).toEqual([expect.objectContaining({ name: expected.credential, required: true })]);
	});

	it('is a trigger with one POST webhook at path "webhook" and one main output', () => {
		expect(description.group).toEqual(['trigger']);
		expect(description.inputs).toEqual([]);
		expect(description.outputs).toEqual(['main']);
		expect(description.webhooks).toEqual([
			expect.objectContaining({ name: 'default', httpMethod: 'POST', path: 'webhook', responseData: '' }),
		]);
	});

	it('keeps loading workflows saved with version 1 and puts version 1.1 on new canvases', () => {
		// n8n evaluates an expression on every request to version 1 of any webhook node; 1.1 spares it.
		expect(description.version).toEqual([1, 1.1]);
		expect(description.defaultVersion).toBe(1.1);
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
		const folder = join(root, 'nodes', expected.displayName.replace(' Trigger', ''));
		const codex = JSON.parse(readFileSync(join(folder, `${expected.displayName.replace(' ', '')}.node.json`), 'utf8'));
		expect(codex.node).toBe(`n8n-nodes-botlists.${expected.name}`);
		const icon = description.icon as { light: string; dark: string };
		for (const file of [icon.light, icon.dark]) expect(existsSync(join(folder, file.replace('file:', '')))).toBe(true);
	});

	it('has a credential of password-typed secret fields, with icon and documentation', () => {
		const credential = credentialTypes.find((type) => type.name === expected.credential)!;
		expect(credential.properties.map((property) => property.name)).toEqual(expected.fields);
		for (const property of credential.properties) expect(property.typeOptions?.password).toBe(true);
		expect(credential.documentationUrl).toMatch(/^https:\/\//);
		const icon = credential.icon as { light: string; dark: string };
		for (const file of [icon.light, icon.dark]) expect(existsSync(join(root, 'credentials', file.replace('file:', '')))).toBe(true);
	});
});
