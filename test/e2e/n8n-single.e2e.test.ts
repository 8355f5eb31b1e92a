/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- a test run by Jest, never loaded by n8n: n8n's rules for the code it loads (no Node built-ins, globals, console or child processes; NodeApiError) do not apply */
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { LISTS } from '../registry';
import * as local from '../../scripts/lib/n8n-local';
import { packageNameOf, packPackage } from '../../scripts/lib/packages';
import { installPackInto } from '../../scripts/lib/runtime';
import { describeRealN8n, loadedCountOf } from './realN8n';

/*
 * A single-list package in real n8n 2.41.0: the first list's, alone, through the real-n8n suite (the example
 * workflows aside: they use the pack's node types; the load scenarios too: the pack's runs test the same pipeline); then installed beside the pack, as a user who has both gets it.
 */
const KIT = LISTS[0];
const NAME = packageNameOf(KIT);
const log = (line: string) => process.stderr.write(`${line}\n`);
const packSingle = async () => packPackage(KIT, mkdtempSync(join(tmpdir(), 'botlists-single-')));

describeRealN8n('2.41.0', 'as n8n does', {
	packageName: NAME,
	lists: [KIT],
	pack: packSingle,
	withExamples: false,
	withLoad: false,
});

/*
 * n8n keys credential types by name across packages: with both installed, one `<list>WebhookApi` credential type
 * exists (the last package loaded defines it) and serves the triggers of both packages. Both come from the same
 * source at the same version (one release publishes them all), so either definition is the same one.
 */
describe(`n8n 2.41.0 with both n8n-nodes-botlists and ${NAME} installed`, () => {
	jest.setTimeout(10 * 60_000);
	let instance: ReturnType<typeof local.startN8n>;
	let userFolder: string;
	const node = new KIT.Node().description.name;
	const webhooks = {
		pack: '0e2e0000-0000-4000-8000-00000000a001',
		single: '0e2e0000-0000-4000-8000-00000000b001',
	};
	const workflow = (id: string, type: string, webhookId: string) => ({
		id,
		name: id,
		settings: { executionOrder: 'v1' },
		pinData: {},
		connections: {},
		nodes: [
			{
				id: `${id}-t`,
				name: 'Trigger',
				type,
				typeVersion: 1.1,
				position: [0, 0],
				webhookId,
				parameters: {},
				credentials: { [KIT.platform.credentialType]: { id: 'bltBothCred', name: 'Both' } },
			},
		],
	});

	beforeAll(async () => {
		const runtime = await local.ensureRuntime({ n8nVersion: '2.41.0', log });
		userFolder = mkdtempSync(join(tmpdir(), 'botlists-e2e-both-'));
		await installPackInto({
			tarball: await local.packProject({ log }),
			userFolder,
			runtime,
			log: () => {},
		});
		await local.prepareInstance({
			runtime,
			tarball: await packSingle(),
			userFolder,
			credentials: [
				{
					id: 'bltBothCred',
					name: 'Both',
					type: KIT.platform.credentialType,
					data: KIT.credentials,
				},
			],
			workflows: [
				workflow('bltBothPack', `n8n-nodes-botlists.${node}`, webhooks.pack),
				workflow('bltBothSingle', `${NAME}.${node}`, webhooks.single),
			],
			log,
		});
		instance = local.startN8n({
			runtime,
			userFolder,
			port: await local.freePort(),
			env: { N8N_LOG_LEVEL: 'debug', N8N_RUNNERS_BROKER_PORT: String(await local.freePort()) },
			logFile: join(userFolder, 'n8n.log'),
		});
		await local.waitForWebhooks(
			instance,
			Object.values(webhooks).map((id) => `${id}/webhook`),
			{ log },
		);
	}, 30 * 60_000);

	afterAll(async () => {
		await instance?.stop();
		local.closeConnections();
		if (userFolder) rmSync(userFolder, { recursive: true, force: true });
	}, 60_000);

	it('loads both packages, each whole', () => {
		expect(instance.log()).toMatch(
			new RegExp(
				`Loaded all credentials and nodes from n8n-nodes-botlists \\{ "credentials": ${loadedCountOf(LISTS)}, "nodes": ${loadedCountOf(LISTS)}`,
			),
		);
		expect(instance.log()).toMatch(
			new RegExp(
				`Loaded all credentials and nodes from ${NAME} \\{ "credentials": ${loadedCountOf([KIT])}, "nodes": ${loadedCountOf([KIT])}`,
			),
		);
	});

	it('runs the trigger of each package with one credential of the shared type, and refuses a forged delivery on each', async () => {
		const body = KIT.examples[KIT.sample];
		for (const webhookId of Object.values(webhooks)) {
			const url = `${instance.baseUrl}/webhook/${webhookId}/webhook`;
			expect(
				(await local.post(url, { body, headers: KIT.sign(body, KIT.credentials) })).json,
			).toEqual({ received: true });
			expect((await local.post(url, { body, headers: {} })).status).toBe(401);
		}
	});
});
