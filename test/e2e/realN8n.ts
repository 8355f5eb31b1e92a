/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-dangerous-functions -- a test run by Jest, never loaded by n8n: n8n's rules for the code it loads (no Node built-ins, globals, console or child processes; NodeApiError) do not apply */
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import type { IDataObject } from 'n8n-workflow';
import { LISTS, listOfNodeType } from '../registry';
import { sendersOf, type Credentials, type Headers, type ListKit } from '../shared/kit';
import * as demo from '../../scripts/lib/demo';
import * as local from '../../scripts/lib/n8n-local';
import { startRecorder, type Recorded, type Recorder } from '../../scripts/lib/recorder';
import { queryOnce } from '../../scripts/lib/sqlite';
import { percentiles } from '../../scripts/lib/stats';
import { deliver, expectedItem } from '../helpers/deliver';
import { isAcceptedType } from '../helpers/verdicts';

type Answer = local.PostAnswer;

const log = (line: string) => process.stderr.write(`${line}\n`);

/* ------------------------------------------------------------------------------------------------------------ */
/* The workflow under test: triggers of every list, each chained into an HTTP Request to the recorder             */
/* ------------------------------------------------------------------------------------------------------------ */

interface Trigger {
	name: string;
	kit: ListKit;
	webhookId: string;
	/** Where its items arrive at the recorder: `/capture/<target>`. */
	target: string;
	credentialId: string;
	credentialData: Credentials;
	parameters: IDataObject;
	typeVersion: number;
}

const uuid = (group: number, index: number) => `0e2e0000-0000-4000-8000-${String(group * 1000 + index).padStart(12, '0')}`;
const blank = (kit: ListKit): Credentials => Object.fromEntries(Object.keys(kit.credentials).map((field) => [field, '']));

function trigger(kit: ListKit, group: number, index: number, scenario: string, extra: Partial<Trigger> = {}): Trigger {
	return {
		name: `${kit.platform.displayName} Trigger (${scenario})`,
		kit,
		webhookId: uuid(group, index),
		target: `${scenario}-${kit.platform.name}`,
		credentialId: `bltE2e${group}x${index}`,
		credentialData: kit.credentials,
		parameters: {},
		// The version a node dropped on the canvas gets; the filtered triggers and DEDUPE_OFF cover the older ones.
		typeVersion: 2,
		...extra,
	};
}

/** The one event kind the filtered triggers keep (with tests ignored): the list's first, a vote on every list. */
const keptEventOf = (kit: ListKit) => kit.platform.events[0];
/** A documentation address (RFC 5737) standing for the list's sender behind a reverse proxy. */
const SENDER_IP = '198.51.100.7';
const CONFIGURED_BOT_ID = '264811613708746752';

/** The triggers of the capture workflow for `lists`: every scenario of every list, and those of the first list. */
function scenarios(lists: readonly ListKit[]) {
	const CAPTURE = lists.map((kit, index) => trigger(kit, 1, index, 'capture'));
	const UNCONFIGURED = lists.map((kit, index) => trigger(kit, 2, index, 'no secret', { credentialData: blank(kit) }));
	/** Every other list filters at version 2 with Trigger On, the rest at 1.1 with the options' Events, as saved workflows hold it. */
	const FILTERED = lists.map((kit, index) =>
		trigger(kit, 3, index, 'filtered', index % 2 === 0
			? { parameters: { events: [keptEventOf(kit)], options: { ignoreTests: true } } }
			: { typeVersion: 1.1, parameters: { options: { events: [keptEventOf(kit)], ignoreTests: true } } }),
	);
	/** Scenarios about the shared pipeline and n8n, run on the first list. */
	const FIRST = lists[0];
	const DEDUPE_ON = trigger(FIRST, 4, 0, 'dedupe-on', { parameters: { options: { ignoreRedeliveries: true } } });
	// Version 1, as workflows saved before 1.1 existed hold it: it must keep working.
	const DEDUPE_OFF = trigger(FIRST, 4, 1, 'dedupe-off', { typeVersion: 1 });
	const ALLOWED_IP = trigger(FIRST, 4, 2, 'allowed-ip', { parameters: { options: { allowedIps: SENDER_IP } } });
	/** The lists whose deliveries name no target: their node's Bot ID parameter, set to an id and to something else. */
	const OMITTING_TARGET = lists.filter((kit) => kit.platform.omitsTarget === true);
	const BOT_ID_SET = OMITTING_TARGET.map((kit, index) => trigger(kit, 5, index, 'bot-id', { parameters: { botId: CONFIGURED_BOT_ID } }));
	const BOT_ID_INVALID = OMITTING_TARGET.map((kit, index) => trigger(kit, 6, index, 'bot-id-invalid', { parameters: { botId: 'My Bot' } }));
	const TRIGGERS = [...CAPTURE, ...UNCONFIGURED, ...FILTERED, DEDUPE_ON, DEDUPE_OFF, ALLOWED_IP, ...BOT_ID_SET, ...BOT_ID_INVALID];
	/**
	 * An option whose expression fails to evaluate, in a workflow of its own so that its executions, if any, are
	 * counted apart. n8n's expression engines swallow most errors (`$json.nope.deeper` gives undefined in a trigger)
	 * and throw only their own ExpressionError, as for a node that does not exist.
	 */
	const BROKEN_OPTION = trigger(FIRST, 7, 0, 'broken-option', { parameters: { options: { ignoreTests: "={{ $('No Such Node').item.json.ignore }}" } } });
	return { CAPTURE, UNCONFIGURED, FILTERED, FIRST, DEDUPE_ON, DEDUPE_OFF, ALLOWED_IP, BOT_ID_SET, BOT_ID_INVALID, TRIGGERS, BROKEN_OPTION };
}

const CAPTURE_WORKFLOW = { id: 'bltE2eCapture', name: 'E2E capture' };
const BROKEN_OPTION_WORKFLOW = { id: 'bltE2eBrokenOption', name: 'E2E broken option' };

function captureWorkflow(recorderUrl: string, triggers: readonly Trigger[], packageName: string, workflow = CAPTURE_WORKFLOW) {
	const nodes: IDataObject[] = [];
	const connections: IDataObject = {};
	for (const entry of triggers) {
		const { description } = new entry.kit.Node();
		const record = `Record ${entry.name}`;
		nodes.push(
			{
				id: `${entry.webhookId}-t`,
				name: entry.name,
				type: `${packageName}.${description.name}`,
				typeVersion: entry.typeVersion,
				position: [0, nodes.length * 100],
				webhookId: entry.webhookId,
				parameters: entry.parameters,
				credentials: { [entry.kit.platform.credentialType]: { id: entry.credentialId, name: entry.name } },
			},
			{
				id: `${entry.webhookId}-r`,
				name: record,
				type: 'n8n-nodes-base.httpRequest',
				typeVersion: 4.2,
				position: [300, nodes.length * 100],
				parameters: {
					method: 'POST',
					url: `${recorderUrl}/capture/${entry.target}`,
					sendBody: true,
					specifyBody: 'json',
					jsonBody: '={{ JSON.stringify($json) }}',
					options: {},
				},
			},
		);
		connections[entry.name] = { main: [[{ node: record, type: 'main', index: 0 }]] };
	}
	return { ...workflow, nodes, connections, settings: { executionOrder: 'v1' }, pinData: {} };
}

const captureCredentials = (triggers: readonly Trigger[]) =>
	triggers.map((entry) => ({ id: entry.credentialId, name: entry.name, type: entry.kit.platform.credentialType, data: entry.credentialData }));

/** Proof headers replaced by a wrong value: what a forger who knows the list's scheme sends. */
const forgedHeaders = (headers: Headers, value: string): Headers => Object.fromEntries(Object.keys(headers).map((name) => [name, value]));

/** A Discord id for the n-th voter of a scenario. */
const voter = (scenario: number, n: number) => String(710000000000000000n + BigInt(scenario * 100_000 + n));

/* ------------------------------------------------------------------------------------------------------------ */
/* The example workflows of examples/, which the user imports: what their nodes do with each list's items          */
/* ------------------------------------------------------------------------------------------------------------ */

type Workflow = demo.ExampleWorkflow;

const kitOf = (workflow: Workflow): ListKit => listOfNodeType(demo.triggerOf(workflow).trigger.type);
const hasNode = (workflow: Workflow, type: string) => workflow.nodes.some((node) => node.type === `n8n-nodes-base.${type}`);

/** An n8n text parameter rendered as n8n renders its `{{ }}` expressions, for the plain JavaScript the examples use. */
function render(parameter: string, json: IDataObject): string {
	const template = parameter.startsWith('=') ? parameter.slice(1) : parameter;
	return template.replace(/\{\{([\s\S]+?)\}\}/g, (_match, expression: string) => {
		const evaluate = new Function('$json', `return (${expression});`) as (json: IDataObject) => unknown;
		return String(evaluate(json));
	});
}

/** What a run installs: a package, the lists it holds, how to pack it, and whether the example workflows (the pack's node types) come along. */
export interface Subject {
	packageName: string;
	lists: readonly ListKit[];
	pack(log: (line: string) => void): Promise<string>;
	withExamples: boolean;
	/**
	 * The load scenarios (a flood of forged requests, 600 deliveries in flight): they test the shared pipeline and n8n
	 * under load, not a list, and take minutes; the pack's runs keep them.
	 */
	withLoad: boolean;
}

export const PACK: Subject = { packageName: 'n8n-nodes-botlists', lists: LISTS, pack: (log) => local.packProject({ log }), withExamples: true, withLoad: true };

export function describeRealN8n(n8nVersion: string, install: local.PrepareOptions['install'] = 'as n8n does', subject: Subject = PACK): void {
	// A real n8n answers in milliseconds but starts in a minute and installs in several on a cold cache.
	jest.setTimeout(10 * 60_000);
	const { lists, packageName } = subject;
	const { CAPTURE, UNCONFIGURED, FILTERED, FIRST, DEDUPE_ON, DEDUPE_OFF, ALLOWED_IP, BOT_ID_SET, BOT_ID_INVALID, TRIGGERS, BROKEN_OPTION } = scenarios(lists);
	// The example workflows use the pack's node types: a single-list package runs without them.
	// A part the subject lacks is not registered at all: a single-list run has no such test, rather than a skipped one.
	const notRegistered = (() => undefined) as unknown as jest.It;
	const withExamples = subject.withExamples ? it : notRegistered;
	const withLoad = subject.withLoad ? it : notRegistered;
	describe(`n8n ${n8nVersion} with the packed ${packageName} installed ${install}`, () => {
		let runtime: Awaited<ReturnType<typeof local.ensureRuntime>>;
		let recorder: Recorder;
		let instance: ReturnType<typeof local.startN8n>;
		let userFolder: string;
		let examples: Workflow[];
		let expectedRuns = 0;
		const secrets = [...new Set(lists.flatMap((kit) => [...Object.values(kit.credentials), ...Object.values(kit.demoCredentials)]))].filter(Boolean);

		const url = (webhookId: string) => `${instance.baseUrl}/webhook/${webhookId}/webhook`;
		const send = async (webhookId: string, body: string, headers: Headers): Promise<Answer> => {
			const answer = await local.post(url(webhookId), { body, headers });
			if (answer.status === 200 && answer.json?.received === true && !answer.json?.ignored && !answer.json?.duplicate) expectedRuns++;
			return answer;
		};
		const arrivedAt = (target: string) => recorder.received.filter((request: Recorded) => request.path === `/capture/${target}`);

		beforeAll(async () => {
			const started = Date.now();
			runtime = await local.ensureRuntime({ n8nVersion, log });
			const tarball = await subject.pack(log);
			recorder = await startRecorder();
			userFolder = mkdtempSync(join(tmpdir(), `botlists-e2e-${n8nVersion}-`));
			examples = subject.withExamples ? demo.loadExamples({ rewardUrl: `${recorder.url}/rewards` }) : [];
			await local.prepareInstance({
				runtime,
				tarball,
				userFolder,
				install,
				credentials: [...(subject.withExamples ? demo.exampleCredentials({ discordWebhookUrl: `${recorder.url}/discord` }) : []), ...captureCredentials([...TRIGGERS, BROKEN_OPTION])],
				// Every example published, those that need an account too (npm start leaves those unpublished): their triggers must register.
				workflows: [...examples, captureWorkflow(recorder.url, TRIGGERS, packageName), captureWorkflow(recorder.url, [BROKEN_OPTION], packageName, BROKEN_OPTION_WORKFLOW)],
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
			const webhookIds = [...[...TRIGGERS, BROKEN_OPTION].map((entry) => entry.webhookId), ...examples.flatMap((workflow) => demo.triggersOf(workflow).map(({ trigger }) => trigger.webhookId!))];
			await local.waitForWebhooks(instance, webhookIds.map((id) => `${id}/webhook`), { log });
			log(`[e2e] n8n ${n8nVersion} ready with every webhook registered in ${Math.round((Date.now() - started) / 1000)} s`);
		}, 30 * 60_000);

		afterAll(async () => {
			await instance?.stop();
			await recorder?.close();
			local.closeConnections();
			if (userFolder) rmSync(userFolder, { recursive: true, force: true });
		}, 60_000);

		it(`loads the whole package: a node and a credential for each of its ${lists.length} list(s)`, () => {
			const loaded = new RegExp(`Loaded all credentials and nodes from ${packageName} \\{ "credentials": ${lists.length}, "nodes": ${lists.length}`);
			expect(instance.log()).toMatch(loaded);
		});

		it('turns every documented example of every list into the item the node emits, field by field', async () => {
			for (const entry of CAPTURE) {
				for (const [example, body] of Object.entries(entry.kit.examples)) {
					const name = `${entry.kit.platform.name} ${example}`;
					const headers = entry.kit.sign(body, entry.kit.credentials);
					const answer = await send(entry.webhookId, body, headers);
					// A documented delivery that is not for a workflow (Infinity's TEAM_EDIT) is answered as in-process.
					const inProcess = await deliver(new entry.kit.Node(), { headers, body, credentials: { ...entry.kit.credentials } });
					if (inProcess.json.ignored === true) {
						expect([name, answer.status, answer.json]).toEqual([name, 200, inProcess.json]);
						continue;
					}
					expect([name, answer.status, answer.json]).toEqual([name, 200, { received: true }]);
					const raw = JSON.stringify(JSON.parse(body));
					const [recorded] = await recorder.waitFor((request) => request.path === `/capture/${entry.target}` && JSON.stringify(request.json?.raw) === raw);
					const item = recorded.json as IDataObject;
					const expected = await expectedItem(entry.kit, body, headers, entry.kit.credentials, item.receivedAt as string);
					expect([name, item]).toEqual([name, expected]);
				}
			}
		});

		it("delivers each list's sample in every protocol its sender uses, as n8n hands each content type to the node", async () => {
			for (const entry of CAPTURE) {
				const { kit } = entry;
				for (const [protocol, sender] of Object.entries(sendersOf(kit))) {
					const name = `${kit.platform.name} over ${protocol}`;
					const wire = sender(kit.examples[kit.sample], kit.credentials);
					const before = arrivedAt(entry.target).length;
					const answer = await send(entry.webhookId, wire.body, wire.headers);
					expect([name, answer.status, answer.json]).toEqual([name, 200, { received: true }]);
					const arrived = await recorder.waitFor((request) => request.path === `/capture/${entry.target}`, before + 1);
					const item = arrived[before].json as IDataObject;
					expect([name, item]).toEqual([name, await expectedItem(kit, wire.body, wire.headers, kit.credentials, item.receivedAt as string)]);
				}
			}
		});

		it("answers what README.md's table says n8n answers itself, before any node runs", async () => {
			const before = recorder.received.length;
			const { kit, webhookId } = CAPTURE[0];
			const notJson = await send(webhookId, '{"user":', { ...kit.sign('{"user":', kit.credentials), 'Content-Type': 'application/json' });
			expect([notJson.status, notJson.json?.message]).toEqual([422, 'Failed to parse request body']);
			const get = await fetch(url(webhookId));
			expect([get.status, ((await get.json()) as IDataObject).message]).toEqual([404, 'This webhook is not registered for GET requests. Did you mean to make a POST request?']);
			const nowhere = await send('0e2e0000-0000-4000-8000-999999999999', '{}', {});
			expect([nowhere.status, nowhere.json?.message]).toEqual([404, 'The requested webhook "POST 0e2e0000-0000-4000-8000-999999999999/webhook" is not registered.']);
			await local.sleep(1000);
			expect(recorder.received.slice(before)).toEqual([]);
		});

		it('refuses forged, unsigned, malformed and misconfigured requests, starting nothing', async () => {
			const before = recorder.received.length;
			const cases: Array<[string, string, string, Headers, number]> = [];
			for (const [index, entry] of CAPTURE.entries()) {
				const { kit } = entry;
				const example = kit.examples[kit.sample];
				const sign = (body: string) => kit.sign(body, kit.credentials);
				const name = kit.platform.name;
				// Genuine, but an item no one could copy: n8n's deepCopy and JSON.stringify overflow on it.
				const deep = example.replace(/}\s*$/, `,"extra":${'['.repeat(12_000)}${']'.repeat(12_000)}}`);
				cases.push(
					[`${name} unsigned`, entry.webhookId, example, {}, 401],
					[`${name} forged`, entry.webhookId, example, forgedHeaders(sign(example), 'forged-secret'), 401],
					[`${name} malformed`, entry.webhookId, '{"unexpected":true}', sign('{"unexpected":true}'), 400],
					[`${name} array body`, entry.webhookId, '[1,2]', sign('[1,2]'), 400],
					[`${name} not JSON`, entry.webhookId, 'vote=1', { ...sign('vote=1'), 'Content-Type': 'application/x-www-form-urlencoded' }, 415],
					[`${name} with an empty secret in the credential`, UNCONFIGURED[index].webhookId, example, sign(example), 500],
					[`${name} nested 12,000 levels deep under an extra key`, entry.webhookId, deep, sign(deep), 400],
					...kit.attacks.map((attack): [string, string, string, Headers, number] => [`${name}: ${attack.name}`, entry.webhookId, attack.body, attack.headers(kit.credentials), attack.status]),
				);
			}
			for (const [name, webhookId, body, headers, status] of cases) {
				const answer = await send(webhookId, body, headers);
				expect([name, answer.status]).toEqual([name, status]);
				expect([name, typeof answer.json?.error]).toEqual([name, 'string']);
				for (const secret of secrets) expect(answer.text).not.toContain(secret);
			}
			await local.sleep(2000);
			expect(recorder.received.slice(before)).toEqual([]);
		});

		it("answers events filtered out by Trigger On or the options' Events (one event kind, no tests) without running them", async () => {
			for (const entry of FILTERED) {
				const { kit } = entry;
				let passed = 0;
				for (const [example, body] of Object.entries(kit.examples)) {
					const headers = kit.sign(body, kit.credentials);
					const item = await expectedItem(kit, body, headers);
					const answer = await send(entry.webhookId, body, headers);
					// No item at all: a delivery the list sends that is not for a workflow (Infinity's TEAM_EDIT).
					const kept = item !== undefined && item.event === keptEventOf(kit) && item.isTest === false;
					const name = `${kit.platform.name} ${example}`;
					if (kept) passed++;
					expect([name, answer.status, answer.json?.ignored === true]).toEqual([name, 200, !kept]);
				}
				if (passed > 0) await recorder.waitFor((request) => request.path === `/capture/${entry.target}`, passed);
			}
			await local.sleep(1000);
			for (const entry of FILTERED) {
				for (const recorded of arrivedAt(entry.target)) expect(recorded.json).toMatchObject({ event: keptEventOf(entry.kit), isTest: false });
			}
		});

		withExamples('runs the Discord examples: the real Discord node posts the message its expression makes of each documented example', async () => {
			for (const workflow of examples.filter((candidate) => hasNode(candidate, 'discord') && !hasNode(candidate, 'wait'))) {
				const kit = kitOf(workflow);
				const { webhookId } = demo.triggerOf(workflow).trigger;
				const content = workflow.nodes.find((node) => node.type === 'n8n-nodes-base.discord')!.parameters.content as string;
				for (const [example, body] of Object.entries(kit.examples)) {
					const headers = kit.sign(body, kit.demoCredentials);
					const message = render(content, await expectedItem(kit, body, headers, kit.demoCredentials));
					expect([example, (await send(webhookId!, body, headers)).json]).toEqual([example, { received: true }]);
					await recorder.waitFor((request) => request.path.startsWith('/discord') && request.json?.content === message);
				}
			}
		});

		withExamples('runs the reminder examples: the Discord message leaves when the voter may vote again (nextVoteAt)', async () => {
			for (const workflow of examples.filter((candidate) => hasNode(candidate, 'wait') && hasNode(candidate, 'discord'))) {
				const kit = kitOf(workflow);
				const { webhookId } = demo.triggerOf(workflow).trigger;
				const content = workflow.nodes.find((node) => node.type === 'n8n-nodes-base.discord')!.parameters.content as string;
				// A vote made a cooldown ago, less 4 s: its nextVoteAt is 4 s away, which the Wait node keeps in memory.
				const probe = kit.voteBy(voter(6, 0), new Date());
				const probeItem = await expectedItem(kit, probe, kit.sign(probe, kit.demoCredentials), kit.demoCredentials);
				const cooldownMs = Date.parse(probeItem.nextVoteAt as string) - Date.parse(probeItem.occurredAt as string);
				const body = kit.voteBy(voter(6, 1), new Date(Date.now() - cooldownMs + 4000));
				const headers = kit.sign(body, kit.demoCredentials);
				const item = await expectedItem(kit, body, headers, kit.demoCredentials);
				const message = render(content, item);
				expect((await send(webhookId!, body, headers)).json).toEqual({ received: true });
				const [reminder] = await recorder.waitFor((request) => request.path.startsWith('/discord') && request.json?.content === message, 1, 60_000);
				const sentAt = performance.timeOrigin + reminder.at;
				expect(sentAt).toBeGreaterThanOrEqual(Date.parse(item.nextVoteAt as string) - 1000);
			}
		});

		withExamples('rewards a vote once with the Remove Duplicates example, however often the list retries it', async () => {
			const workflow = examples.find((candidate) => hasNode(candidate, 'removeDuplicates'))!;
			const kit = kitOf(workflow);
			const { webhookId } = demo.triggerOf(workflow).trigger;
			const sign = (body: string) => kit.sign(body, kit.demoCredentials);
			const rewards = () => recorder.received.filter((request) => request.path === '/rewards');
			const vote = kit.voteBy(voter(1, 1), new Date('2026-01-01T10:00:00.000Z'));
			expect((await send(webhookId!, vote, sign(vote))).status).toBe(200);
			await recorder.waitFor((request) => request.path === '/rewards', 1);
			const retry = kit.redelivery(vote);
			expect((await send(webhookId!, retry, sign(retry))).status).toBe(200);
			const nextVote = kit.voteBy(voter(1, 1), new Date('2026-01-01T22:00:00.000Z'));
			expect((await send(webhookId!, nextVote, sign(nextVote))).status).toBe(200);
			await recorder.waitFor((request) => request.path === '/rewards', 2);
			await local.sleep(1500);
			expect(rewards().map((request) => request.json?.eventId)).toHaveLength(2);
			expect(new Set(rewards().map((request) => request.json?.eventId)).size).toBe(2);
		});

		withExamples('activates the examples that need an account (every trigger of each is registered and verifies)', async () => {
			for (const workflow of examples.filter((candidate) => demo.accountNeeded(candidate) !== undefined)) {
				for (const { trigger } of demo.triggersOf(workflow)) {
					const kit = listOfNodeType(trigger.type);
					const answer = await local.post(url(trigger.webhookId!), { body: kit.examples[kit.sample], headers: {} });
					expect([workflow.name, trigger.name, answer.status]).toEqual([workflow.name, trigger.name, 401]);
				}
			}
		});

		it("puts the node's Bot ID in targetId on the lists whose deliveries name no bot, and answers 500 for one that is not an id", async () => {
			for (const [index, entry] of BOT_ID_SET.entries()) {
				const { kit } = entry;
				const body = kit.voteBy(voter(8, index), new Date());
				const headers = kit.sign(body, kit.credentials);
				expect((await send(entry.webhookId, body, headers)).json).toEqual({ received: true });
				const [recorded] = await recorder.waitFor((request) => request.path === `/capture/${entry.target}`);
				const item = recorded.json as IDataObject;
				expect(item).toMatchObject({ targetType: 'bot', targetId: CONFIGURED_BOT_ID });
				expect(item).toEqual(await expectedItem(kit, body, headers, kit.credentials, item.receivedAt as string, entry.parameters));
			}
			const before = recorder.received.length;
			for (const entry of BOT_ID_INVALID) {
				const { kit } = entry;
				const body = kit.examples[kit.sample];
				const answer = await send(entry.webhookId, body, kit.sign(body, kit.credentials));
				expect([kit.platform.name, answer.status, answer.json?.error]).toEqual([kit.platform.name, 500, expect.stringMatching(/Bot ID parameter is not a Discord id/)]);
			}
			await local.sleep(1000);
			expect(recorder.received.slice(before)).toEqual([]);
		});

		it('answers 500 naming an option whose expression fails, starting no execution, and a forger the same 401 as ever', async () => {
			const { kit, webhookId } = BROKEN_OPTION;
			const body = kit.voteBy(voter(9, 0), new Date());
			const forgery = forgedHeaders(kit.sign(body, kit.credentials), 'forged-secret');
			const genuine = await send(webhookId, body, kit.sign(body, kit.credentials));
			const forged = await send(webhookId, body, forgery);
			const forgedElsewhere = await send(CAPTURE[0].webhookId, body, forgery);
			// n8n records an execution, in error, for a webhook() that throws: none may exist for this workflow.
			await local.sleep(2000);
			const executions = queryOnce(runtime, userFolder, 'SELECT status, COUNT(*) AS count FROM execution_entity WHERE workflowId = ? GROUP BY status', [BROKEN_OPTION_WORKFLOW.id]);
			log(`[e2e] an option whose expression fails: ${genuine.status} ${genuine.text.slice(0, 200)}; forged: ${forged.status}; its workflow's executions: ${JSON.stringify(executions)}`);
			expect([genuine.status, genuine.json]).toEqual([500, { error: "The node's Ignore Test Deliveries option could not be read: see the n8n log" }]);
			expect([forged.status, forged.json]).toEqual([401, forgedElsewhere.json]);
			expect(executions).toEqual([]);
			expect(arrivedAt(BROKEN_OPTION.target)).toEqual([]);
			const [refusal] = instance.log().match(/refused a delivery \(500\): The node's Ignore Test Deliveries option could not be read: see the n8n log \(.+\)/) ?? [];
			expect(refusal).toBeDefined();
			log(`[e2e] n8n's log: ${refusal}`);
		});

		/*
		 * n8n answers once it has recorded the execution; the workflow's nodes run after that. The time a sender waits
		 * is n8n's: its request handling, the trigger and the database write. A list that gives up after a limit (and
		 * never retries a timeout) declares it in its kit (`answerWithinMs`).
		 */
		it('answers genuine deliveries of every list in time: printed per list, and within the limit a list declares', async () => {
			const SEQUENTIAL = 20;
			const BURST = 24;
			const BURST_IN_FLIGHT = 8;
			const timed = async (entry: Trigger, body: string) => {
				const started = performance.now();
				const answer = await send(entry.webhookId, body, entry.kit.sign(body, entry.kit.credentials));
				expect([entry.kit.platform.name, answer.json]).toEqual([entry.kit.platform.name, { received: true }]);
				return performance.now() - started;
			};
			const summary = (times: number[]) => {
				const [p50, p95, max] = percentiles(times, [0.5, 0.95, 1]).map((ms) => Math.round(ms));
				return { p50, p95, max, text: `p50 ${p50} ms, p95 ${p95} ms, max ${max} ms` };
			};
			for (const [index, entry] of CAPTURE.entries()) {
				const { kit } = entry;
				const vote = (n: number) => kit.voteBy(voter(7, index * 1000 + n), new Date());
				const sequential: number[] = [];
				for (let n = 0; n < SEQUENTIAL; n++) sequential.push(await timed(entry, vote(n)));
				const burst = await local.pool(Array.from({ length: BURST }, (_, n) => vote(SEQUENTIAL + n)), BURST_IN_FLIGHT, (body: string) => timed(entry, body));
				const one = summary(sequential);
				const limit = kit.answerWithinMs === undefined ? '' : ` (the list waits ${kit.answerWithinMs} ms)`;
				log(`[e2e] ${kit.platform.name} answer time${limit}: ${SEQUENTIAL} one at a time: ${one.text}; ${BURST} with ${BURST_IN_FLIGHT} in flight: ${summary(burst).text}`);
				if (kit.answerWithinMs !== undefined) expect([kit.platform.name, one.max < kit.answerWithinMs]).toEqual([kit.platform.name, true]);
			}
		});

		it("honours Allowed IPs with the client address n8n's proxy setting resolves", async () => {
			const body = FIRST.voteBy(voter(2, 1), new Date('2026-01-02T10:00:00.000Z'));
			const headers = FIRST.sign(body, FIRST.credentials);
			const fromSender = await send(ALLOWED_IP.webhookId, body, { ...headers, 'X-Forwarded-For': SENDER_IP });
			expect(fromSender.json).toEqual({ received: true });
			await recorder.waitFor((request) => request.path === `/capture/${ALLOWED_IP.target}`);
			for (const forwarded of [undefined, '203.0.113.9']) {
				const answer = await send(ALLOWED_IP.webhookId, body, forwarded ? { ...headers, 'X-Forwarded-For': forwarded } : headers);
				expect([forwarded, answer.status, typeof answer.json?.error]).toEqual([forwarded, 403, 'string']);
			}
			await local.sleep(1000);
			expect(arrivedAt(ALLOWED_IP.target)).toHaveLength(1);
		});

		// n8n reads a text/plain body itself (up to N8N_PAYLOAD_SIZE_MAX) and leaves application/octet-stream unread.
		it('refuses a 16 MiB body: 401 for a wrong header secret, else 415 for a type the list does not send, 413 for one it does', async () => {
			const before = recorder.received.length;
			const huge = 'x'.repeat(16 * 1024 * 1024 - 1024);
			for (const entry of CAPTURE) {
				const { kit } = entry;
				const genuine = kit.sign(kit.examples[kit.sample], kit.credentials);
				const forged = forgedHeaders(genuine, 'forged-secret');
				const lowercase = Object.fromEntries(Object.keys(forged).map((name) => [name.toLowerCase(), 'forged-secret']));
				for (const type of ['text/plain', 'application/octet-stream']) {
					for (const [headers, status] of [
						[forged, kit.platform.provesWithHeadersOnly(lowercase) ? 401 : 415],
						[genuine, isAcceptedType(kit.platform, type) ? 413 : 415],
					] as const) {
						const started = Date.now();
						const answer = await send(entry.webhookId, huge, { ...headers, 'Content-Type': type });
						const name = `${kit.platform.name} ${headers === genuine ? 'genuine' : 'forged'} ${type}`;
						expect([name, answer.status, typeof answer.json?.error]).toEqual([name, status, 'string']);
						log(`[e2e] ${name}, 16 MiB: ${answer.status} in ${Date.now() - started} ms`);
					}
				}
			}
			await local.sleep(1000);
			expect(recorder.received.slice(before)).toEqual([]);
		});

		withLoad('shrugs off a flood of 500 forged requests at concurrency 20 and keeps answering valid votes', async () => {
			const entry = CAPTURE[0];
			const sign = (body: string) => FIRST.sign(body, FIRST.credentials);
			const before = recorder.received.length;
			const statuses = await local.pool(Array.from({ length: 500 }, (_, index) => index), 20, async (index: number) => {
				const body = FIRST.voteBy(voter(3, index), new Date('2026-01-03T10:00:00.000Z'));
				return (await send(entry.webhookId, body, forgedHeaders(sign(body), `forged-${index}`))).status;
			});
			expect(statuses.filter((status: number) => status === 401)).toHaveLength(500);
			const example = FIRST.examples[FIRST.sample];
			const big = example.replace(/}$/, `,"padding":"${'x'.repeat(1024 * 1024)}"}`);
			const tooBig = await send(entry.webhookId, big, sign(big));
			expect([tooBig.status, typeof tooBig.json?.error]).toEqual([413, 'string']);
			const text = await send(entry.webhookId, example, { ...sign(example), 'Content-Type': 'text/plain' });
			expect([text.status, typeof text.json?.error]).toEqual([415, 'string']);
			await local.sleep(1000);
			expect(recorder.received.slice(before)).toEqual([]);
			const valid = FIRST.voteBy(voter(3, 999), new Date('2026-01-03T11:00:00.000Z'));
			expect((await send(entry.webhookId, valid, sign(valid))).json).toEqual({ received: true });
			await recorder.waitFor((request) => request.path === `/capture/${entry.target}` && request.json?.userId === voter(3, 999));
		});

		withLoad('starts one execution per vote when 200 votes arrive 3 times each, all in flight (Ignore Redeliveries)', async () => {
			const sign = (body: string) => FIRST.sign(body, FIRST.credentials);
			// Each vote, then twice as the list retries it.
			const copies = (votes: number, scenario: number) =>
				Array.from({ length: votes * 3 }, (_, index) => {
					const vote = FIRST.voteBy(voter(scenario, index % votes), new Date('2026-01-04T10:00:00.000Z'));
					return index < votes ? vote : FIRST.redelivery(vote);
				});
			const on = await local.pool(copies(200, 4), 16, (body: string) => send(DEDUPE_ON.webhookId, body, sign(body)));
			expect(on.filter((answer: Answer) => answer.status === 200)).toHaveLength(600);
			expect(on.filter((answer: Answer) => answer.json?.duplicate === true)).toHaveLength(400);
			await recorder.waitFor((request) => request.path === `/capture/${DEDUPE_ON.target}`, 200);
			// Without the option the same traffic runs every copy: the option is what stops them.
			const off = await local.pool(copies(50, 5), 16, (body: string) => send(DEDUPE_OFF.webhookId, body, sign(body)));
			expect(off.filter((answer: Answer) => answer.json?.received === true && !answer.json?.duplicate)).toHaveLength(150);
			await recorder.waitFor((request) => request.path === `/capture/${DEDUPE_OFF.target}`, 150, 120_000);
			await local.sleep(1500);
			const onItems = arrivedAt(DEDUPE_ON.target);
			expect(onItems).toHaveLength(200);
			expect(new Set(onItems.map((request) => request.json?.eventId)).size).toBe(200);
		});

		it('recorded one successful execution per accepted delivery and none in error', async () => {
			let statuses: Record<string, number> = {};
			for (let attempt = 0; attempt < 30; attempt++) {
				statuses = await local.executionStatuses(runtime, userFolder);
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
