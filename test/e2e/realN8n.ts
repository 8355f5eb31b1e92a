import { createHmac } from 'crypto';
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import type { IDataObject } from 'n8n-workflow';
import { deliver } from '../helpers/deliver';
import { nodesUnderTest } from '../helpers/nodes';
import * as examples from '../fixtures/examples';

/* eslint-disable @typescript-eslint/no-require-imports -- the harness is plain Node.js shared with `npm start` */
const local = require('../../scripts/n8n-local');
const demo = require('../../scripts/demo');

interface Recorded {
	path: string;
	text: string;
	json: IDataObject & { content?: string };
}
interface Recorder {
	url: string;
	received: Recorded[];
	waitFor(filter: (entry: Recorded) => boolean, count?: number, timeoutMs?: number): Promise<Recorded[]>;
	close(): Promise<void>;
}
interface Answer {
	status: number;
	text: string;
	json?: IDataObject;
}

const hmac = (secret: string, body: string) => createHmac('sha256', secret).update(body).digest('hex');
const log = (line: string) => process.stderr.write(`${line}\n`);

/** Capture triggers with their own credentials, each chained into an HTTP Request to the recorder. */
const CAPTURE = nodesUnderTest.map((entry, index) => ({
	...entry,
	webhookId: `0e2e0000-0000-4000-8000-00000000000${index + 1}`,
	credentialId: `bltE2e${entry.platform}`,
}));
/** The webhookIds written in examples/. */
const EXAMPLE_WEBHOOKS = {
	diffcordToDiscord: '1f0b6b7a-3c1d-4e8e-9a51-6c0d2f7a0001',
	ranklyToGoogleSheets: '2a1c7c8b-4d2e-4f9f-8b62-7d1e3a8b0002',
	discollabRewardOnce: '3b2d8d9c-5e3f-4a0a-9c73-8e2f4b9c0003',
	boticordToDiscord: '4c3e9ead-6f4a-4b1b-8d84-9f3a5cad0004',
	ranklyToDiscord: '5d4fafbe-7a5b-4c2c-9e95-af4b6dbe0005',
	ranklyToPostgres: '6e50b0cf-8b6c-4d3d-8fa6-b05c7ecf0006',
};
const UNCONFIGURED_WEBHOOK = '0e2e0000-0000-4000-8000-000000000009';
const FILTERED_WEBHOOK = '0e2e0000-0000-4000-8000-000000000010';
const DEDUPE_ON_WEBHOOK = '0e2e0000-0000-4000-8000-000000000011';
const DEDUPE_OFF_WEBHOOK = '0e2e0000-0000-4000-8000-000000000012';
const ALLOWED_IP_WEBHOOK = '0e2e0000-0000-4000-8000-000000000013';
const DISCOLLAB_SENDER = '51.222.204.155';

function captureWorkflow(recorderUrl: string) {
	const nodes: IDataObject[] = [];
	const connections: IDataObject = {};
	const addTrigger = (name: string, type: string, webhookId: string, credential: IDataObject, parameters: IDataObject, target: string, typeVersion = 1.1) => {
		const record = `Record ${name}`;
		nodes.push(
			{ id: `${webhookId}-t`, name, type, typeVersion, position: [0, nodes.length * 100], webhookId, parameters, credentials: credential },
			{
				id: `${webhookId}-r`,
				name: record,
				type: 'n8n-nodes-base.httpRequest',
				typeVersion: 4.2,
				position: [300, nodes.length * 100],
				parameters: {
					method: 'POST',
					url: `${recorderUrl}/capture/${target}`,
					sendBody: true,
					specifyBody: 'json',
					jsonBody: '={{ JSON.stringify($json) }}',
					options: {},
				},
			},
		);
		connections[name] = { main: [[{ node: record, type: 'main', index: 0 }]] };
	};
	for (const entry of CAPTURE) {
		const { name, credentials } = entry.node.description;
		addTrigger(entry.node.description.displayName, `n8n-nodes-botlists.${name}`, entry.webhookId, {
			[credentials![0].name]: { id: entry.credentialId, name: `E2E ${entry.platform}` },
		}, {}, entry.platform);
	}
	addTrigger('Diffcord Trigger (no secret)', 'n8n-nodes-botlists.diffcordTrigger', UNCONFIGURED_WEBHOOK, {
		diffcordWebhookApi: { id: 'bltE2eEmptySecret', name: 'E2E diffcord without secret' },
	}, {}, 'unconfigured');
	addTrigger('Boticord Trigger (votes only)', 'n8n-nodes-botlists.boticordTrigger', FILTERED_WEBHOOK, {
		boticordWebhookApi: { id: 'bltE2eboticord', name: 'E2E boticord' },
	}, { options: { events: ['vote'], ignoreTests: true } }, 'boticord-filtered');
	const diffcordCredential = { diffcordWebhookApi: { id: 'bltE2ediffcord', name: 'E2E diffcord' } };
	addTrigger('Diffcord Trigger (ignore redeliveries)', 'n8n-nodes-botlists.diffcordTrigger', DEDUPE_ON_WEBHOOK, diffcordCredential, {
		options: { ignoreRedeliveries: true },
	}, 'dedupe-on');
	// Version 1, as workflows saved before 1.1 existed hold it: it must keep working.
	addTrigger('Diffcord Trigger (every copy)', 'n8n-nodes-botlists.diffcordTrigger', DEDUPE_OFF_WEBHOOK, diffcordCredential, {}, 'dedupe-off', 1);
	addTrigger('Discollab Trigger (Discollab only)', 'n8n-nodes-botlists.discollabTrigger', ALLOWED_IP_WEBHOOK, {
		discollabWebhookApi: { id: 'bltE2ediscollab', name: 'E2E discollab' },
	}, { options: { allowedIps: DISCOLLAB_SENDER } }, 'allowed-ip');
	return { id: 'bltE2eCapture', name: 'E2E capture', nodes, connections, settings: { executionOrder: 'v1' }, pinData: {} };
}

function captureCredentials() {
	return [
		...CAPTURE.map((entry) => ({
			id: entry.credentialId,
			name: `E2E ${entry.platform}`,
			type: entry.node.description.credentials![0].name,
			data: entry.credentials,
		})),
		{ id: 'bltE2eEmptySecret', name: 'E2E diffcord without secret', type: 'diffcordWebhookApi', data: { verificationCode: '' } },
	];
}

/** Every documented example per platform, with headers that sign it under the capture credentials. */
function genuineDeliveries() {
	const byPlatform: Record<string, Record<string, string>> = {
		diffcord: examples.diffcord,
		discollab: examples.discollab,
		rankly: examples.rankly,
		boticord: examples.boticord,
	};
	return CAPTURE.flatMap((entry) =>
		Object.entries(byPlatform[entry.platform]).map(([example, body]) => {
			let headers = entry.sign(body);
			if (entry.platform === 'rankly') {
				const credentials = entry.credentials as Record<string, string>;
				if (example.startsWith('server')) headers = { Authorization: credentials.authorization };
				else if (!example.startsWith('bot')) headers = { 'X-Webhook-Signature': hmac(credentials.premiumSecret, body) };
			}
			return { entry, example, body, headers };
		}),
	);
}

/** The same delivery through the node's webhook() in this process: what n8n must emit, but for the clock. */
async function expectedItem(entry: (typeof CAPTURE)[number], body: string, headers: Record<string, string>) {
	const answer = await deliver(entry.node, { headers, body, credentials: entry.credentials });
	return answer.items[0];
}

export function describeRealN8n(n8nVersion: string): void {
	// A real n8n answers in milliseconds but starts in a minute and installs in several on a cold cache.
	jest.setTimeout(10 * 60_000);
	describe(`n8n ${n8nVersion} with the packed n8n-nodes-botlists installed as n8n installs it`, () => {
		let runtime: { version: string; dir: string };
		let recorder: Recorder;
		let instance: { baseUrl: string; log(): string; stop(): Promise<void> };
		let userFolder: string;
		let expectedRuns = 0;
		const secrets = [
			...CAPTURE.flatMap((entry) => entry.secrets),
			...Object.values(demo.DEMO_SECRETS as Record<string, Record<string, string>>).flatMap((fields) => Object.values(fields)),
		];

		const url = (webhookId: string) => `${instance.baseUrl}/webhook/${webhookId}/webhook`;
		const send = async (webhookId: string, body: string, headers: Record<string, string>): Promise<Answer> => {
			const answer = await local.post(url(webhookId), { body, headers });
			if (answer.status === 200 && answer.json?.received === true && !answer.json?.ignored && !answer.json?.duplicate) expectedRuns++;
			return answer;
		};

		beforeAll(async () => {
			const started = Date.now();
			runtime = await local.ensureRuntime({ n8nVersion, log });
			const tarball = await local.packProject({ log });
			recorder = await local.startRecorder();
			userFolder = mkdtempSync(join(tmpdir(), `botlists-e2e-${n8nVersion}-`));
			await local.prepareInstance({
				runtime,
				tarball,
				userFolder,
				credentials: [...demo.exampleCredentials({ discordWebhookUrl: `${recorder.url}/discord` }), ...captureCredentials()],
				workflows: [...demo.loadExamples({ rewardUrl: `${recorder.url}/rewards` }), captureWorkflow(recorder.url)],
				log,
			});
			instance = local.startN8n({
				runtime,
				userFolder,
				port: await local.freePort(),
				// One proxy hop: n8n then takes the client address from X-Forwarded-For, as behind a reverse proxy.
				env: { N8N_LOG_LEVEL: 'debug', N8N_PROXY_HOPS: '1', N8N_RUNNERS_BROKER_PORT: String(await local.freePort()) },
				logFile: join(userFolder, 'n8n.log'),
			});
			const webhookIds = [
				...CAPTURE.map((entry) => entry.webhookId),
				UNCONFIGURED_WEBHOOK,
				FILTERED_WEBHOOK,
				DEDUPE_ON_WEBHOOK,
				DEDUPE_OFF_WEBHOOK,
				ALLOWED_IP_WEBHOOK,
				...Object.values(EXAMPLE_WEBHOOKS),
			];
			await local.waitForWebhooks(instance, webhookIds.map((id) => `${id}/webhook`), { log });
			log(`[e2e] n8n ${n8nVersion} ready with every webhook registered in ${Math.round((Date.now() - started) / 1000)} s`);
		}, 30 * 60_000);

		afterAll(async () => {
			await instance?.stop();
			await recorder?.close();
			local.closeConnections();
			if (userFolder) rmSync(userFolder, { recursive: true, force: true });
		}, 60_000);

		it('loads the whole pack: 4 nodes and 4 credentials', () => {
			expect(instance.log()).toMatch(/Loaded all credentials and nodes from n8n-nodes-botlists \{ "credentials": 4, "nodes": 4/);
		});

		it('turns every documented example of every platform into the item the node emits, field by field', async () => {
			for (const { entry, example, body, headers } of genuineDeliveries()) {
				const answer = await send(entry.webhookId, body, headers);
				expect([example, answer.status, answer.json]).toEqual([example, 200, { received: true }]);
				const raw = JSON.parse(body);
				const [recorded] = await recorder.waitFor(
					(request) => request.path === `/capture/${entry.platform}` && JSON.stringify(request.json?.raw) === JSON.stringify(raw),
				);
				const expected = await expectedItem(entry, body, headers);
				const { receivedAt, occurredAt, nextVoteAt, ...fields } = recorded.json;
				const { receivedAt: expectedReceivedAt, occurredAt: expectedOccurredAt, nextVoteAt: expectedNextVoteAt, ...expectedFields } = expected;
				expect([example, fields]).toEqual([example, expectedFields]);
				// Times taken from the payload are equal; times derived from the receive time keep their offset to it.
				const sameTime = (actual: unknown, wanted: unknown) =>
					actual === wanted ||
					Math.abs(
						Date.parse(actual as string) - Date.parse(receivedAt as string) -
							(Date.parse(wanted as string) - Date.parse(expectedReceivedAt as string)),
					) <= 1;
				expect([example, sameTime(occurredAt, expectedOccurredAt), sameTime(nextVoteAt, expectedNextVoteAt)]).toEqual([example, true, true]);
			}
		});

		it('refuses forged, unsigned, malformed and misconfigured requests, starting nothing', async () => {
			const before = recorder.received.length;
			const cases: Array<[string, string, string, Record<string, string>, number]> = [];
			for (const entry of CAPTURE) {
				const wrong = Object.fromEntries(Object.entries(entry.sign(entry.example)).map(([name]) => [name, 'forged-secret']));
				cases.push(
					[`${entry.platform} unsigned`, entry.webhookId, entry.example, {}, 401],
					[`${entry.platform} forged`, entry.webhookId, entry.example, wrong, 401],
					[`${entry.platform} malformed`, entry.webhookId, '{"unexpected":true}', entry.sign('{"unexpected":true}'), 400],
					[`${entry.platform} array body`, entry.webhookId, '[1,2]', entry.sign('[1,2]'), 400],
					[`${entry.platform} not JSON`, entry.webhookId, 'vote=1', { ...entry.sign('vote=1'), 'Content-Type': 'application/x-www-form-urlencoded' }, 415],
				);
			}
			const rankly = CAPTURE.find((entry) => entry.platform === 'rankly')!;
			const { voteSecret } = rankly.credentials as Record<string, string>;
			const pretty = JSON.stringify(JSON.parse(examples.rankly.botVote), null, 2);
			cases.push(
				['rankly signature over re-serialized JSON', rankly.webhookId, pretty, { 'X-Webhook-Signature': hmac(voteSecret, examples.rankly.botVote) }, 401],
				['rankly premium event signed with the vote secret', rankly.webhookId, examples.rankly.premiumPurchase, { 'X-Webhook-Signature': hmac(voteSecret, examples.rankly.premiumPurchase) }, 401],
				['diffcord with an empty secret in the credential', UNCONFIGURED_WEBHOOK, examples.diffcord.vote, { Authorization: '' }, 500],
			);
			for (const [name, webhookId, body, headers, status] of cases) {
				const answer = await send(webhookId, body, headers);
				expect([name, answer.status]).toEqual([name, status]);
				expect([name, typeof answer.json?.error]).toEqual([name, 'string']);
				for (const secret of secrets) expect(answer.text).not.toContain(secret);
			}
			await local.sleep(2000);
			expect(recorder.received.slice(before)).toEqual([]);
		});

		it('answers events filtered out by the node options without running them', async () => {
			const boticord = CAPTURE.find((entry) => entry.platform === 'boticord')!;
			for (const body of [examples.boticord.botCommentCreated, examples.boticord.testMessage]) {
				const answer = await send(FILTERED_WEBHOOK, body, boticord.sign(body));
				expect(answer.status).toBe(200);
				expect(answer.json).toMatchObject({ received: true, ignored: true });
			}
			const bump = await send(FILTERED_WEBHOOK, examples.boticord.serverBump, boticord.sign(examples.boticord.serverBump));
			expect(bump.json).toEqual({ received: true });
			const recorded = await recorder.waitFor((request) => request.path === '/capture/boticord-filtered');
			await local.sleep(1000);
			expect(recorder.received.filter((request) => request.path === '/capture/boticord-filtered')).toHaveLength(1);
			expect(recorded[0].json).toMatchObject({ event: 'vote', targetType: 'server' });
		});

		it('runs the Discord examples: the real Discord node posts the message to its webhook', async () => {
			const cases: Array<[string, string, string]> = [
				['diffcord', EXAMPLE_WEBHOOKS.diffcordToDiscord, '<@129743267142362715> voted for 7231198106540828102!'],
				['rankly', EXAMPLE_WEBHOOKS.ranklyToDiscord, 'exampleuser voted for Your Bot Name!'],
				['boticord', EXAMPLE_WEBHOOKS.boticordToDiscord, '<@178404926869733376> bumped us on Boticord!'],
			];
			for (const [platform, webhookId, message] of cases) {
				const sample = demo.sampleDelivery(platform);
				expect((await send(webhookId, sample.body, sample.headers)).json).toEqual({ received: true });
				await recorder.waitFor((request) => request.path.startsWith('/discord') && request.json?.content === message);
			}
			const premium = examples.rankly.premiumPurchase;
			const answer = await send(EXAMPLE_WEBHOOKS.ranklyToDiscord, premium, {
				'X-Webhook-Signature': hmac(demo.DEMO_SECRETS.rankly.premiumSecret, premium),
			});
			expect(answer.json).toEqual({ received: true });
			await recorder.waitFor((request) => request.json?.content === 'Skyline: premium purchase (Server Pro Monthly)');
		});

		it('rewards a redelivered vote once with the Remove Duplicates example', async () => {
			const sample = demo.sampleDelivery('discollab');
			const webhookId = EXAMPLE_WEBHOOKS.discollabRewardOnce;
			const rewards = () => recorder.received.filter((request) => request.path === '/rewards');
			expect((await send(webhookId, sample.body, sample.headers)).status).toBe(200);
			await recorder.waitFor((request) => request.path === '/rewards', 1);
			expect((await send(webhookId, sample.body.replace('43200', '41000'), sample.headers)).status).toBe(200);
			const nextVote = sample.body.replace('"times_voted":7', '"times_voted":8').replace('10:00:00', '22:00:00');
			expect((await send(webhookId, nextVote, sample.headers)).status).toBe(200);
			await recorder.waitFor((request) => request.path === '/rewards', 2);
			await local.sleep(1500);
			expect(rewards().map((request) => request.json.eventId)).toHaveLength(2);
			expect(new Set(rewards().map((request) => request.json.eventId)).size).toBe(2);
		});

		it('activates the Google Sheets and PostgreSQL examples (their webhooks are registered and verify)', async () => {
			for (const webhookId of [EXAMPLE_WEBHOOKS.ranklyToGoogleSheets, EXAMPLE_WEBHOOKS.ranklyToPostgres]) {
				const answer = await local.post(url(webhookId), { body: examples.rankly.botVote, headers: {} });
				expect(answer.status).toBe(401);
			}
		});

		it("honours Allowed IPs with the client address n8n's proxy setting resolves", async () => {
			const discollab = CAPTURE.find((entry) => entry.platform === 'discollab')!;
			const headers = discollab.sign(discollab.example);
			const fromDiscollab = await send(ALLOWED_IP_WEBHOOK, discollab.example, { ...headers, 'X-Forwarded-For': DISCOLLAB_SENDER });
			expect(fromDiscollab.json).toEqual({ received: true });
			await recorder.waitFor((request) => request.path === '/capture/allowed-ip');
			for (const forwarded of [undefined, '203.0.113.9']) {
				const answer = await send(ALLOWED_IP_WEBHOOK, discollab.example, forwarded ? { ...headers, 'X-Forwarded-For': forwarded } : headers);
				expect([forwarded, answer.status, typeof answer.json?.error]).toEqual([forwarded, 403, 'string']);
			}
			await local.sleep(1000);
			expect(recorder.received.filter((request) => request.path === '/capture/allowed-ip')).toHaveLength(1);
		});

		it('shrugs off a flood of 500 forged requests at concurrency 20 and keeps answering valid votes', async () => {
			const diffcord = CAPTURE.find((entry) => entry.platform === 'diffcord')!;
			const before = recorder.received.length;
			const statuses = await local.pool(Array.from({ length: 500 }, (_, index) => index), 20, async (index: number) => {
				const body = examples.diffcord.vote.replace('7019eeaa', `f${String(index).padStart(7, '0')}`);
				return (await send(diffcord.webhookId, body, { Authorization: `forged-${index}` })).status;
			});
			expect(statuses.filter((status: number) => status === 401)).toHaveLength(500);
			const big = examples.diffcord.vote.replace(/}$/, `,"padding":"${'x'.repeat(1024 * 1024)}"}`);
			const tooBig = await send(diffcord.webhookId, big, diffcord.sign(big));
			expect([tooBig.status, typeof tooBig.json?.error]).toEqual([413, 'string']);
			const text = await send(diffcord.webhookId, examples.diffcord.vote, { ...diffcord.sign(''), 'Content-Type': 'text/plain' });
			expect([text.status, typeof text.json?.error]).toEqual([415, 'string']);
			await local.sleep(1000);
			expect(recorder.received.slice(before)).toEqual([]);
			const valid = examples.diffcord.vote.replace('7019eeaa', 'aftrf100d');
			expect((await send(diffcord.webhookId, valid, diffcord.sign(valid))).json).toEqual({ received: true });
			await recorder.waitFor((request) => request.path === '/capture/diffcord' && request.text.includes('aftrf100d'));
		});

		it('starts one execution per vote when 200 votes arrive 3 times each, all in flight (Ignore Redeliveries)', async () => {
			const diffcord = CAPTURE.find((entry) => entry.platform === 'diffcord')!;
			const copies = (votes: number, tag: string) =>
				Array.from({ length: votes * 3 }, (_, index) =>
					examples.diffcord.vote.replace('7019eeaa-a25a', `${tag}${String(index % votes).padStart(4, '0')}-a25a`),
				);
			const on = await local.pool(copies(200, 'd0'), 16, (body: string) => send(DEDUPE_ON_WEBHOOK, body, diffcord.sign(body)));
			expect(on.filter((answer: Answer) => answer.status === 200)).toHaveLength(600);
			expect(on.filter((answer: Answer) => answer.json?.duplicate === true)).toHaveLength(400);
			await recorder.waitFor((request) => request.path === '/capture/dedupe-on', 200);
			// Without the option the same traffic runs every copy: the option is what stops them.
			const off = await local.pool(copies(50, 'e0'), 16, (body: string) => send(DEDUPE_OFF_WEBHOOK, body, diffcord.sign(body)));
			expect(off.filter((answer: Answer) => answer.json?.received === true && !answer.json?.duplicate)).toHaveLength(150);
			await recorder.waitFor((request) => request.path === '/capture/dedupe-off', 150, 120_000);
			await local.sleep(1500);
			const onItems = recorder.received.filter((request) => request.path === '/capture/dedupe-on');
			expect(onItems).toHaveLength(200);
			expect(new Set(onItems.map((request) => request.json.eventId)).size).toBe(200);
		});

		it('recorded one successful execution per accepted delivery and none in error', async () => {
			let statuses: Record<string, number> = {};
			for (let attempt = 0; attempt < 30; attempt++) {
				statuses = local.executionStatuses(runtime, userFolder);
				const total = Object.values(statuses).reduce((sum, count) => sum + count, 0);
				if (total >= expectedRuns && !statuses.running && !statuses.new) break;
				await local.sleep(1000);
			}
			expect(statuses).toEqual({ success: expectedRuns });
		});

		it('never writes a secret to the n8n log', () => {
			const text = instance.log();
			for (const secret of secrets) expect(text).not.toContain(secret);
		});
	});
}
