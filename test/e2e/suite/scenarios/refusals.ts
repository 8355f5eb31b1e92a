/* What is refused, and how: n8n's own answers, forged and broken requests, a failing option, Allowed IPs, huge bodies. */
import type { IDataObject } from 'n8n-workflow';
import type { Headers } from '../../../shared/kit';
import * as local from '../../../../scripts/lib/n8n-local';
import { isAcceptedType } from '../../../helpers/verdicts';
import { log, type Instance } from '../instance';
import { executionsOf, scenario } from '../run';
import { forgedHeaders, SENDER_IP, voter } from '../workflows';

export function n8nAnswers(instance: Instance): void {
	const workflow = instance.workflows.n8nAnswers;
	scenario(
		it,
		"answers what README.md's table says n8n answers itself, before any node runs",
		instance,
		() => [workflow.id],
		async (run) => {
			const [entry] = workflow.triggers;
			const { kit, webhookId } = entry;
			const notJson = await run.send(entry, '{"user":', {
				...kit.sign('{"user":', kit.credentials),
				'Content-Type': 'application/json',
			});
			expect([notJson.status, notJson.json?.message]).toEqual([
				422,
				'Failed to parse request body',
			]);
			const get = await fetch(run.url(webhookId));
			expect([get.status, ((await get.json()) as IDataObject).message]).toEqual([
				404,
				'This webhook is not registered for GET requests. Did you mean to make a POST request?',
			]);
			const nowhere = await run.send(
				{ webhookId: '0e2e0000-0000-4000-8000-999999999999' },
				'{}',
				{},
			);
			expect([nowhere.status, nowhere.json?.message]).toEqual([
				404,
				'The requested webhook "POST 0e2e0000-0000-4000-8000-999999999999/webhook" is not registered.',
			]);
			await local.sleep(1000);
			expect(run.arrivedUnder(workflow.prefix)).toEqual([]);
		},
	);
}

type Case = [name: string, webhookId: string, body: string, headers: Headers, status: number];

/** Every refused request of every list: unsigned, forged, malformed, misconfigured, and the list's own attacks. */
function refusedCases(instance: Instance): Case[] {
	const { triggers } = instance.workflows.refusals;
	const lists = instance.subject.lists.length;
	return triggers.slice(0, lists).flatMap((entry, index): Case[] => {
		const { kit } = entry;
		const example = kit.examples[kit.sample];
		const sign = (body: string) => kit.sign(body, kit.credentials);
		const name = kit.platform.name;
		// Genuine, but an item no one could copy: n8n's deepCopy and JSON.stringify overflow on it.
		const deep = example.replace(/}\s*$/, `,"extra":${'['.repeat(12_000)}${']'.repeat(12_000)}}`);
		return [
			[`${name} unsigned`, entry.webhookId, example, {}, 401],
			[
				`${name} forged`,
				entry.webhookId,
				example,
				forgedHeaders(sign(example), 'forged-secret'),
				401,
			],
			[
				`${name} malformed`,
				entry.webhookId,
				'{"unexpected":true}',
				sign('{"unexpected":true}'),
				400,
			],
			[`${name} array body`, entry.webhookId, '[1,2]', sign('[1,2]'), 400],
			[
				`${name} not JSON`,
				entry.webhookId,
				'vote=1',
				{ ...sign('vote=1'), 'Content-Type': 'application/x-www-form-urlencoded' },
				415,
			],
			[
				`${name} with an empty secret in the credential`,
				triggers[lists + index].webhookId,
				example,
				sign(example),
				500,
			],
			[
				`${name} nested 12,000 levels deep under an extra key`,
				entry.webhookId,
				deep,
				sign(deep),
				400,
			],
			...kit.attacks.map(
				(attack): Case => [
					`${name}: ${attack.name}`,
					entry.webhookId,
					attack.body,
					attack.headers(kit.credentials),
					attack.status,
				],
			),
		];
	});
}

export function refusals(instance: Instance): void {
	const workflow = instance.workflows.refusals;
	scenario(
		it,
		'refuses forged, unsigned, malformed and misconfigured requests, starting nothing',
		instance,
		() => [workflow.id],
		async (run) => {
			for (const [name, webhookId, body, headers, status] of refusedCases(instance)) {
				const answer = await run.send({ webhookId, workflowId: workflow.id }, body, headers);
				expect([name, answer.status]).toEqual([name, status]);
				expect([name, typeof answer.json?.error]).toEqual([name, 'string']);
				for (const secret of instance.secrets) expect(answer.text).not.toContain(secret);
			}
			await local.sleep(2000);
			expect(run.arrivedUnder(workflow.prefix)).toEqual([]);
		},
	);
}

export function brokenOption(instance: Instance): void {
	const workflow = instance.workflows.brokenOption;
	scenario(
		it,
		'answers 500 naming an option whose expression fails, starting no execution, and a forger the same 401 as ever',
		instance,
		() => [workflow.id],
		async (run) => {
			const [broken, plain] = workflow.triggers;
			const { kit } = broken;
			const body = kit.voteBy(voter(9, 0), new Date());
			const forgery = forgedHeaders(kit.sign(body, kit.credentials), 'forged-secret');
			const genuine = await run.send(broken, body, kit.sign(body, kit.credentials));
			const forged = await run.send(broken, body, forgery);
			const forgedElsewhere = await run.send(plain, body, forgery);
			// n8n records an execution, in error, for a webhook() that throws: none may exist for this workflow.
			await local.sleep(2000);
			const executions = executionsOf(instance, [workflow.id]).get(workflow.id);
			log(
				`[e2e] an option whose expression fails: ${genuine.status} ${genuine.text.slice(0, 200)}; forged: ${forged.status}; its workflow's executions: ${JSON.stringify(executions)}`,
			);
			expect([genuine.status, genuine.json]).toEqual([
				500,
				{ error: "The node's Ignore Test Deliveries option could not be read: see the n8n log" },
			]);
			expect([forged.status, forged.json]).toEqual([401, forgedElsewhere.json]);
			expect(executions).toEqual({});
			expect(run.arrivedUnder(workflow.prefix)).toEqual([]);
			const [refusal] =
				instance.n8n
					.log()
					.match(
						/refused a delivery \(500\): The node's Ignore Test Deliveries option could not be read: see the n8n log \(.+\)/,
					) ?? [];
			expect(refusal).toBeDefined();
			log(`[e2e] n8n's log: ${refusal}`);
		},
	);
}

export function allowedIps(instance: Instance): void {
	const workflow = instance.workflows.allowedIp;
	scenario(
		it,
		"honours Allowed IPs with the client address n8n's proxy setting resolves",
		instance,
		() => [workflow.id],
		async (run) => {
			const [entry] = workflow.triggers;
			const { kit } = entry;
			const body = kit.voteBy(voter(2, 1), new Date('2026-01-02T10:00:00.000Z'));
			const headers = kit.sign(body, kit.credentials);
			const fromSender = await run.send(entry, body, { ...headers, 'X-Forwarded-For': SENDER_IP });
			expect(fromSender.json).toEqual({ received: true });
			await instance.recorder.waitFor((request) => request.path === `/capture/${entry.target}`);
			for (const forwarded of [undefined, '203.0.113.9']) {
				const answer = await run.send(
					entry,
					body,
					forwarded ? { ...headers, 'X-Forwarded-For': forwarded } : headers,
				);
				expect([forwarded, answer.status, typeof answer.json?.error]).toEqual([
					forwarded,
					403,
					'string',
				]);
			}
			await local.sleep(1000);
			expect(run.arrivedAt(entry.target)).toHaveLength(1);
		},
	);
}

// n8n reads a text/plain body itself (up to N8N_PAYLOAD_SIZE_MAX) and leaves application/octet-stream unread.
export function hugeBodies(instance: Instance): void {
	const workflow = instance.workflows.huge;
	scenario(
		it,
		'refuses a 16 MiB body: 401 for a wrong header secret, else 415 for a type the list does not send, 413 for one it does',
		instance,
		() => [workflow.id],
		async (run) => {
			const huge = 'x'.repeat(16 * 1024 * 1024 - 1024);
			for (const entry of workflow.triggers) {
				const { kit } = entry;
				const genuine = kit.sign(kit.examples[kit.sample], kit.credentials);
				const forged = forgedHeaders(genuine, 'forged-secret');
				const lowercase = Object.fromEntries(
					Object.keys(forged).map((name) => [name.toLowerCase(), 'forged-secret']),
				);
				for (const type of ['text/plain', 'application/octet-stream']) {
					for (const [headers, status] of [
						[forged, kit.platform.provesWithHeadersOnly(lowercase) ? 401 : 415],
						[genuine, isAcceptedType(kit.platform, type) ? 413 : 415],
					] as const) {
						const started = Date.now();
						const answer = await run.send(entry, huge, { ...headers, 'Content-Type': type });
						const name = `${kit.platform.name} ${headers === genuine ? 'genuine' : 'forged'} ${type}`;
						expect([name, answer.status, typeof answer.json?.error]).toEqual([
							name,
							status,
							'string',
						]);
						log(`[e2e] ${name}, 16 MiB: ${answer.status} in ${Date.now() - started} ms`);
					}
				}
			}
			await local.sleep(1000);
			expect(run.arrivedUnder(workflow.prefix)).toEqual([]);
		},
	);
}
