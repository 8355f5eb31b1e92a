/*
 * The examples built on the action nodes, run by real n8n against stand-ins of the lists' APIs and of Discord's:
 * the server count read from Discord and posted to every list on a schedule, past one list's failure; a reward
 * granted only to a user whose vote the list confirms.
 */
import type { IDataObject } from 'n8n-workflow';
import { LISTS } from '../../../registry';
import type { ListKit } from '../../../shared/kit';
import type { ApiCase } from '../../../shared/apiKit';
import * as demo from '../../../../scripts/lib/demo';
import * as local from '../../../../scripts/lib/n8n-local';
import { startStandIn, type SeenRequest, type StandIn } from '../../../helpers/standIn';
import { executionsOf } from '../run';
import type { Instance } from '../instance';

/** The key of Discord's stand-in among the examples' stand-ins (the others are keyed by platform). */
export const DISCORD = 'discord';
/** The server count Discord's stand-in reports: what every list must be sent. */
const SERVER_COUNT = 4321;
/** How often the server-count example runs in the suite (the example itself: every 6 hours). */
const SUITE_SCHEDULE_SECONDS = 10;

const caseOf = (kit: ListKit, operation: string): ApiCase | undefined =>
	kit.api?.cases.find((entry) => entry.parameters.operation === operation);
const postsStats = (kit: ListKit) => caseOf(kit, 'postStats') !== undefined;

/** The bot's id as Discord reports it: the one the documented Post Stats cases name, where a list needs it. */
const APPLICATION_ID =
	LISTS.map((kit) => caseOf(kit, 'postStats')?.parameters.botId)
		.filter((id): id is string => typeof id === 'string')
		.at(0) ?? '700000000000000002';

/** Discord's `GET /applications/@me` (discord.com/developers/docs/resources/application), for the demo bot token. */
const discordRoutes = (request: SeenRequest) =>
	request.method === 'GET' &&
	request.path === '/applications/@me' &&
	request.headers.authorization === `Bot ${demo.DEMO_DISCORD_BOT_TOKEN}`
		? {
				status: 200,
				body: { id: APPLICATION_ID, name: 'Demo bot', approximate_guild_count: SERVER_COUNT },
			}
		: { status: 401, body: { message: '401: Unauthorized', code: 0 } };

/** A stand-in of every list's API and of Discord's, for the examples alone: the other scenarios' stand-ins stay quiet. */
export async function startExampleStandIns(
	lists: readonly ListKit[],
): Promise<Map<string, StandIn>> {
	const standIns = new Map<string, StandIn>();
	for (const kit of lists)
		if (kit.api)
			standIns.set(kit.platform.name, await startStandIn(kit.api.routes, kit.api.basePath));
	standIns.set(DISCORD, await startStandIn(discordRoutes, '/api/v10'));
	return standIns;
}

/** The example as the suite runs it: a schedule of seconds, not hours, so that it runs while the suite waits. */
export function forTheSuite(workflow: demo.ExampleWorkflow): demo.ExampleWorkflow {
	for (const node of workflow.nodes)
		if (node.type === 'n8n-nodes-base.scheduleTrigger')
			node.parameters.rule = {
				interval: [{ field: 'seconds', secondsInterval: SUITE_SCHEDULE_SECONDS }],
			};
	return workflow;
}

const scheduled = (instance: Instance) =>
	instance.examples.filter((workflow) =>
		workflow.nodes.some((node) => node.type === 'n8n-nodes-base.scheduleTrigger'),
	);

export function statsExample(instance: Instance, register: jest.It): void {
	register(
		"runs the server-count example: Discord's count posted to every list, past one list's failure",
		async () => {
			const [workflow] = scheduled(instance);
			expect(workflow).toBeDefined();
			const lists = LISTS.filter(postsStats);
			const standIns = instance.exampleApis;
			// The first list fails the next run; the lists after it must still be sent the count.
			const failing = standIns.get(lists[0].platform.name)!;
			failing.answerNext({ status: 500, body: { error: 'Internal Server Error' } });
			const since = failing.seen.length;
			const marks = new Map(
				lists.map((kit) => [kit.platform.name, standIns.get(kit.platform.name)!.seen.length]),
			);
			const before = executionsOf(instance, [workflow.id]).get(workflow.id)!;
			const deadline = Date.now() + 4 * SUITE_SCHEDULE_SECONDS * 1000;
			const postedSince = (kit: ListKit) =>
				standIns.get(kit.platform.name)!.seen.slice(marks.get(kit.platform.name));
			while (lists.some((kit) => postedSince(kit).length === 0) && Date.now() < deadline)
				await local.sleep(500);
			expect(failing.seen.length).toBeGreaterThan(since);
			for (const kit of lists) {
				const [request] = postedSince(kit);
				const documented = caseOf(kit, 'postStats')!.requests[0];
				const label = kit.platform.name;
				expect([label, request?.method]).toEqual([label, documented.method]);
				expect([label, JSON.stringify({ query: request?.query, body: request?.body })]).toEqual([
					label,
					expect.stringContaining(String(SERVER_COUNT)),
				]);
			}
			const discord = standIns.get(DISCORD)!.seen.at(-1)!;
			expect(discord.headers.authorization).toBe(`Bot ${demo.DEMO_DISCORD_BOT_TOKEN}`);
			await local.sleep(2000);
			const after = executionsOf(instance, [workflow.id]).get(workflow.id)!;
			expect((after.success ?? 0) - (before.success ?? 0)).toBeGreaterThanOrEqual(1);
			expect(after.error ?? 0).toBe(before.error ?? 0);
		},
	);
}

/** POSTs to an n8n Webhook node's production path; while n8n registers it, it may answer 404 briefly. */
async function callWebhook(instance: Instance, path: string, body: IDataObject) {
	for (let attempt = 0; ; attempt++) {
		const answer = await local.post(`${instance.n8n.baseUrl}/webhook/${path}`, {
			body: JSON.stringify(body),
			headers: { 'Content-Type': 'application/json' },
		});
		if (answer.status !== 404 || attempt === 20) return answer;
		await local.sleep(500);
	}
}

export function voteGateExample(instance: Instance, register: jest.It): void {
	register(
		'runs the vote-gated reward example: a voter is rewarded, a user who has not voted is told to vote first',
		async () => {
			const workflow = instance.examples.find((candidate) =>
				candidate.nodes.some((node) => node.parameters.operation === 'get'),
			);
			expect(workflow).toBeDefined();
			const webhook = workflow!.nodes.find((node) => node.type === 'n8n-nodes-base.webhook')!;
			const action = workflow!.nodes.find((node) => node.parameters.operation === 'get')!;
			const kit = LISTS.find(
				(candidate) =>
					candidate.api && action.type.endsWith(`.${new candidate.api.Node().description.name}`),
			)!;
			const getCases = kit.api!.cases.filter((entry) => entry.parameters.operation === 'get');
			const voter = getCases.find((entry) => entry.items[0]?.voted === true)!;
			const nonVoter = getCases.find((entry) => entry.items[0]?.voted === false)!;
			const rewards = () =>
				instance.recorder.received.filter((request) => request.path === '/rewards');
			const before = rewards().length;

			const granted = await callWebhook(instance, webhook.parameters.path as string, {
				userId: voter.parameters.userId,
			});
			expect([granted.status, granted.json]).toEqual([200, { rewarded: true }]);
			// waitFor gives every reward so far: this scenario's is the one after those before it.
			const reward = (
				await instance.recorder.waitFor((request) => request.path === '/rewards', before + 1)
			)[before];
			expect(reward.json).toMatchObject({
				userId: voter.parameters.userId,
				platform: kit.platform.name,
			});

			const refused = await callWebhook(instance, webhook.parameters.path as string, {
				userId: nonVoter.parameters.userId,
			});
			expect([refused.status, refused.json?.rewarded]).toEqual([200, false]);
			await local.sleep(1000);
			expect(rewards()).toHaveLength(before + 1);
		},
	);
}
