/* eslint-disable @n8n/community-nodes/no-dangerous-functions -- a test run by Jest, never loaded by n8n: n8n's rules for the code it loads (no Node built-ins, globals, console or child processes; NodeApiError) do not apply */
/* The example workflows of examples/, which the user imports: what their nodes do with each list's items. */
import type { IDataObject } from 'n8n-workflow';
import { listOfNodeType } from '../../../registry';
import type { ListKit } from '../../../shared/kit';
import * as demo from '../../../../scripts/lib/demo';
import * as local from '../../../../scripts/lib/n8n-local';
import { expectedItem } from '../../../helpers/deliver';
import type { Instance } from '../instance';
import { scenario, type Destination } from '../run';
import { voter } from '../workflows';

type Workflow = demo.ExampleWorkflow;

const kitOf = (workflow: Workflow): ListKit =>
	listOfNodeType(demo.triggerOf(workflow).trigger.type);
const hasNode = (workflow: Workflow, type: string) =>
	workflow.nodes.some((node) => node.type === `n8n-nodes-base.${type}`);
const discordContent = (workflow: Workflow) =>
	workflow.nodes.find((node) => node.type === 'n8n-nodes-base.discord')!.parameters
		.content as string;
/** The one trigger of an example as a destination: its webhook, counted for its workflow. */
const destinationOf = (workflow: Workflow): Destination => ({
	webhookId: demo.triggerOf(workflow).trigger.webhookId!,
	workflowId: workflow.id,
});

/** An n8n text parameter rendered as n8n renders its `{{ }}` expressions, for the plain JavaScript the examples use. */
function render(parameter: string, json: IDataObject): string {
	const template = parameter.startsWith('=') ? parameter.slice(1) : parameter;
	return template.replace(/\{\{([\s\S]+?)\}\}/g, (_match, expression: string) => {
		const evaluate = new Function('$json', `return (${expression});`) as (
			json: IDataObject,
		) => unknown;
		return String(evaluate(json));
	});
}

/** The examples `select` picks, read when the test runs (they are loaded with n8n). */
const picked = (instance: Instance, select: (workflow: Workflow) => boolean) => () =>
	instance.examples.filter(select).map((workflow) => workflow.id);

export function discordExamples(instance: Instance, register: jest.It): void {
	const select = (workflow: Workflow) => hasNode(workflow, 'discord') && !hasNode(workflow, 'wait');
	scenario(
		register,
		'runs the Discord examples: the real Discord node posts the message its expression makes of each documented example',
		instance,
		picked(instance, select),
		async (run) => {
			for (const workflow of instance.examples.filter(select)) {
				const kit = kitOf(workflow);
				const content = discordContent(workflow);
				for (const [example, body] of Object.entries(kit.examples)) {
					const headers = kit.sign(body, kit.demoCredentials);
					const message = render(
						content,
						await expectedItem(kit, body, headers, kit.demoCredentials),
					);
					expect([example, (await run.send(destinationOf(workflow), body, headers)).json]).toEqual([
						example,
						{ received: true },
					]);
					await instance.recorder.waitFor(
						(request) => request.path.startsWith('/discord') && request.json?.content === message,
					);
				}
			}
		},
	);
}

export function reminderExamples(instance: Instance, register: jest.It): void {
	const select = (workflow: Workflow) => hasNode(workflow, 'wait') && hasNode(workflow, 'discord');
	scenario(
		register,
		'runs the reminder examples: the Discord message leaves when the voter may vote again (nextVoteAt)',
		instance,
		picked(instance, select),
		async (run) => {
			for (const workflow of instance.examples.filter(select)) {
				const kit = kitOf(workflow);
				// A vote made a cooldown ago, less 4 s: its nextVoteAt is 4 s away, which the Wait node keeps in memory.
				const probe = kit.voteBy(voter(6, 0), new Date());
				const probeItem = await expectedItem(
					kit,
					probe,
					kit.sign(probe, kit.demoCredentials),
					kit.demoCredentials,
				);
				const cooldownMs =
					Date.parse(probeItem.nextVoteAt as string) - Date.parse(probeItem.occurredAt as string);
				const body = kit.voteBy(voter(6, 1), new Date(Date.now() - cooldownMs + 4000));
				const headers = kit.sign(body, kit.demoCredentials);
				const item = await expectedItem(kit, body, headers, kit.demoCredentials);
				const message = render(discordContent(workflow), item);
				expect((await run.send(destinationOf(workflow), body, headers)).json).toEqual({
					received: true,
				});
				const [reminder] = await instance.recorder.waitFor(
					(request) => request.path.startsWith('/discord') && request.json?.content === message,
					1,
					60_000,
				);
				// n8n's Wait node resumes by its wall clock, which the test's Date.now() shares.
				expect(reminder.wallAt).toBeGreaterThanOrEqual(
					Date.parse(item.nextVoteAt as string) - 1000,
				);
			}
		},
	);
}

export function rewardOnce(instance: Instance, register: jest.It): void {
	const select = (workflow: Workflow) => hasNode(workflow, 'removeDuplicates');
	scenario(
		register,
		'rewards a vote once with the Remove Duplicates example, however often the list retries it',
		instance,
		picked(instance, select),
		async (run) => {
			const workflow = instance.examples.find(select)!;
			const kit = kitOf(workflow);
			const to = destinationOf(workflow);
			const sign = (body: string) => kit.sign(body, kit.demoCredentials);
			const rewards = () =>
				instance.recorder.received.filter((request) => request.path === '/rewards');
			const before = rewards().length;
			const vote = kit.voteBy(voter(1, 1), new Date('2026-01-01T10:00:00.000Z'));
			expect((await run.send(to, vote, sign(vote))).status).toBe(200);
			await instance.recorder.waitFor((request) => request.path === '/rewards', before + 1);
			const retry = kit.redelivery(vote);
			expect((await run.send(to, retry, sign(retry))).status).toBe(200);
			const nextVote = kit.voteBy(voter(1, 1), new Date('2026-01-01T22:00:00.000Z'));
			expect((await run.send(to, nextVote, sign(nextVote))).status).toBe(200);
			await instance.recorder.waitFor((request) => request.path === '/rewards', before + 2);
			await local.sleep(1500);
			const rewarded = rewards().slice(before);
			expect(rewarded.map((request) => request.json?.eventId)).toHaveLength(2);
			expect(new Set(rewarded.map((request) => request.json?.eventId)).size).toBe(2);
		},
	);
}

export function accountExamples(instance: Instance, register: jest.It): void {
	const select = (workflow: Workflow) =>
		demo.accountNeeded(workflow) !== undefined && demo.triggersOf(workflow).length > 0;
	scenario(
		register,
		'activates the examples that need an account (every trigger of each is registered and verifies)',
		instance,
		picked(instance, select),
		async (run) => {
			for (const workflow of instance.examples.filter(select)) {
				for (const { trigger } of demo.triggersOf(workflow)) {
					const kit = listOfNodeType(trigger.type);
					const answer = await run.send(
						{ webhookId: trigger.webhookId!, workflowId: workflow.id },
						kit.examples[kit.sample],
						{},
					);
					expect([workflow.name, trigger.name, answer.status]).toEqual([
						workflow.name,
						trigger.name,
						401,
					]);
				}
			}
		},
	);
}
