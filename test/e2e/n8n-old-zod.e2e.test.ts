/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-dangerous-functions -- a test run by Jest, never loaded by n8n: n8n's rules for the code it loads (no Node built-ins, globals, console or child processes; NodeApiError) do not apply */
import { execFileSync } from 'child_process';
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { LISTS } from '../registry';
import { OLDEST_N8N } from '../../nodes/shared/supportedN8n';
import * as local from '../../scripts/lib/n8n-local';
import { cacheRoot, installPackInto, type Runtime } from '../../scripts/lib/runtime';
import { childEnv, run } from '../../scripts/lib/command';

/*
 * What n8n does with the pack when the zod it resolves has no `zod/v4` (n8n 1.99.1 ships zod 3.24.1, older ones
 * older zods): n8n 2.41.0 with the packed pack installed as n8n installs it, and zod 3.24.1 from the registry in the
 * pack's own node_modules, where the pack's require looks before n8n's copy. One n8n start.
 */
const OLD_ZOD = '3.24.1';
const KIT = LISTS[0];
const WEBHOOK_ID = '0e2e0000-0000-4000-8000-00000000c001';
const log = (line: string) => process.stderr.write(`${line}\n`);

/** zod 3.24.1's tarball, packed from the registry once and kept beside the cached n8n runtimes. */
async function oldZodTarball(): Promise<string> {
	const dir = join(cacheRoot(), `zod-${OLD_ZOD}`);
	const tarball = join(dir, `zod-${OLD_ZOD}.tgz`);
	if (existsSync(tarball)) return tarball;
	mkdirSync(dir, { recursive: true });
	// Packed aside, then renamed: a concurrent run never sees half a tarball.
	const scratch = mkdtempSync(join(dir, 'pack-'));
	await run('npm', ['pack', `zod@${OLD_ZOD}`, '--pack-destination', scratch, '--silent'], {
		cwd: scratch,
		env: childEnv(),
		log: () => {},
	});
	renameSync(join(scratch, `zod-${OLD_ZOD}.tgz`), tarball);
	rmSync(scratch, { recursive: true, force: true });
	return tarball;
}

/** One workflow of one trigger of the first list, on its credential. */
function oldZodWorkflow(nodeName: string) {
	return {
		id: 'bltOldZod',
		name: 'Old zod',
		settings: { executionOrder: 'v1' },
		pinData: {},
		connections: {},
		nodes: [
			{
				id: 'bltOldZod-t',
				name: 'Trigger',
				type: `n8n-nodes-botlists.${nodeName}`,
				typeVersion: 2,
				position: [0, 0],
				webhookId: WEBHOOK_ID,
				parameters: {},
				credentials: {
					[KIT.platform.credentialType]: { id: 'bltOldZodCred', name: 'Old zod' },
				},
			},
		],
	};
}

/** Puts zod 3.24.1 into the installed pack's own node_modules, where the pack's require finds it first. */
async function shadowZod(tarball: string, userFolder: string, runtime: Runtime): Promise<void> {
	const { dir } = await installPackInto({ tarball, userFolder, runtime, log: () => {} });
	const zodDir = join(dir, 'node_modules', 'zod');
	mkdirSync(zodDir, { recursive: true });
	execFileSync('tar', ['-xzf', await oldZodTarball(), '-C', zodDir, '--strip-components=1']);
}

/** Until /healthz answers and n8n has tried to activate the published workflow; 3 minutes at most. */
async function untilWorkflowTried(instance: ReturnType<typeof local.startN8n>): Promise<void> {
	const deadline = Date.now() + 180_000;
	while (
		!(await local.answers200(`${instance.baseUrl}/healthz`)) ||
		!/Published version holds node types/.test(instance.log())
	) {
		if (Date.now() > deadline)
			throw new Error(
				`n8n did not come up or never tried the workflow:\n${instance.log().slice(-3000)}`,
			);
		await local.sleep(500);
	}
}

describe(`n8n 2.41.0 whose zod for the pack is ${OLD_ZOD}`, () => {
	jest.setTimeout(10 * 60_000);
	let instance: ReturnType<typeof local.startN8n>;
	let userFolder: string;
	const node = new KIT.Node().description.name;

	beforeAll(async () => {
		const runtime = await local.ensureRuntime({ n8nVersion: '2.41.0', log });
		userFolder = mkdtempSync(join(tmpdir(), 'botlists-e2e-old-zod-'));
		const tarball = await local.packProject({ log });
		// The workflow is imported and published while the pack still loads, as on an n8n upgraded from a good version.
		await local.prepareInstance({
			runtime,
			tarball,
			userFolder,
			credentials: [
				{
					id: 'bltOldZodCred',
					name: 'Old zod',
					type: KIT.platform.credentialType,
					data: KIT.credentials,
				},
			],
			workflows: [oldZodWorkflow(node)],
			log,
		});
		await shadowZod(tarball, userFolder, runtime);
		instance = local.startN8n({
			runtime,
			userFolder,
			port: await local.freePort(),
			env: { N8N_RUNNERS_BROKER_PORT: String(await local.freePort()) },
			logFile: join(userFolder, 'n8n.log'),
		});
		await untilWorkflowTried(instance);
	}, 30 * 60_000);

	afterAll(async () => {
		await instance?.stop();
		local.closeConnections();
		if (userFolder) rmSync(userFolder, { recursive: true, force: true });
	}, 60_000);

	it('logs that the pack needs a newer n8n, and why, in place of a bare module error', () => {
		expect(instance.log()).toContain(
			`n8n-nodes-botlists needs n8n ${OLDEST_N8N} or later: this n8n's zod ${OLD_ZOD} has no zod/v4`,
		);
		// The bare errors a node file throws without the check: zod 3.24.1's exports lack `./v4`; a zod without exports lacks the file.
		expect(instance.log()).not.toMatch(
			/Package subpath '\.\/v4' is not defined|Cannot find module 'zod\/v4'/,
		);
	});

	it('drops the whole package, so the published workflow is not activated and its webhook is unknown', async () => {
		expect(instance.log()).toContain('Failed to load package "n8n-nodes-botlists"');
		expect(instance.log()).not.toContain(
			'Loaded all credentials and nodes from n8n-nodes-botlists',
		);
		expect(
			(await local.post(`${instance.baseUrl}/webhook/${WEBHOOK_ID}/webhook`, { body: '{}' }))
				.status,
		).toBe(404);
	});
});
