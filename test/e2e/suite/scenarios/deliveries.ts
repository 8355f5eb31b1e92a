/* Genuine deliveries: what the node emits for each, in every protocol, filtered by its parameters, with a Bot ID. */
import type { IDataObject } from 'n8n-workflow';
import { sendersOf } from '../../../shared/kit';
import * as local from '../../../../scripts/lib/n8n-local';
import { deliver, expectedItem } from '../../../helpers/deliver';
import type { Instance } from '../instance';
import { scenario } from '../run';
import { CONFIGURED_BOT_ID, keptEventOf, voter } from '../workflows';

export function everyDocumentedExample(instance: Instance): void {
	const workflow = instance.workflows.examples;
	scenario(
		it,
		'turns every documented example of every list into the item the node emits, field by field',
		instance,
		() => [workflow.id],
		async (run) => {
			for (const entry of workflow.triggers) {
				for (const [example, body] of Object.entries(entry.kit.examples)) {
					const name = `${entry.kit.platform.name} ${example}`;
					const headers = entry.kit.sign(body, entry.kit.credentials);
					const answer = await run.send(entry, body, headers);
					// A documented delivery that is not for a workflow (Infinity's TEAM_EDIT) is answered as in-process.
					const inProcess = await deliver(new entry.kit.Node(), {
						headers,
						body,
						credentials: { ...entry.kit.credentials },
					});
					if (inProcess.json.ignored === true) {
						expect([name, answer.status, answer.json]).toEqual([name, 200, inProcess.json]);
						continue;
					}
					expect([name, answer.status, answer.json]).toEqual([name, 200, { received: true }]);
					const raw = JSON.stringify(JSON.parse(body));
					const [recorded] = await instance.recorder.waitFor(
						(request) =>
							request.path === `/capture/${entry.target}` &&
							JSON.stringify(request.json?.raw) === raw,
					);
					const item = recorded.json as IDataObject;
					const expected = await expectedItem(
						entry.kit,
						body,
						headers,
						entry.kit.credentials,
						item.receivedAt as string,
					);
					expect([name, item]).toEqual([name, expected]);
				}
			}
		},
	);
}

export function everyProtocol(instance: Instance): void {
	const workflow = instance.workflows.protocols;
	scenario(
		it,
		"delivers each list's sample in every protocol its sender uses, as n8n hands each content type to the node",
		instance,
		() => [workflow.id],
		async (run) => {
			for (const entry of workflow.triggers) {
				const { kit } = entry;
				for (const [protocol, sender] of Object.entries(sendersOf(kit))) {
					const name = `${kit.platform.name} over ${protocol}`;
					const wire = sender(kit.examples[kit.sample], kit.credentials);
					const before = run.arrivedAt(entry.target).length;
					const answer = await run.send(entry, wire.body, wire.headers);
					expect([name, answer.status, answer.json]).toEqual([name, 200, { received: true }]);
					const arrived = await instance.recorder.waitFor(
						(request) => request.path === `/capture/${entry.target}`,
						before + 1,
					);
					const item = arrived[before].json as IDataObject;
					expect([name, item]).toEqual([
						name,
						await expectedItem(
							kit,
							wire.body,
							wire.headers,
							kit.credentials,
							item.receivedAt as string,
						),
					]);
				}
			}
		},
	);
}

export function filteredEvents(instance: Instance): void {
	const workflow = instance.workflows.filtered;
	scenario(
		it,
		"answers events filtered out by Trigger On or the options' Events (one event kind, no tests) without running them",
		instance,
		() => [workflow.id],
		async (run) => {
			for (const entry of workflow.triggers) {
				const { kit } = entry;
				let passed = 0;
				for (const [example, body] of Object.entries(kit.examples)) {
					const headers = kit.sign(body, kit.credentials);
					const item = await expectedItem(kit, body, headers);
					const answer = await run.send(entry, body, headers);
					// No item at all: a delivery the list sends that is not for a workflow (Infinity's TEAM_EDIT).
					const kept =
						item !== undefined && item.event === keptEventOf(kit) && item.isTest === false;
					const name = `${kit.platform.name} ${example}`;
					if (kept) passed++;
					expect([name, answer.status, answer.json?.ignored === true]).toEqual([name, 200, !kept]);
				}
				if (passed > 0)
					await instance.recorder.waitFor(
						(request) => request.path === `/capture/${entry.target}`,
						passed,
					);
			}
			await local.sleep(1000);
			for (const entry of workflow.triggers) {
				for (const recorded of run.arrivedAt(entry.target))
					expect(recorded.json).toMatchObject({ event: keptEventOf(entry.kit), isTest: false });
			}
		},
	);
}

export function botId(instance: Instance): void {
	const workflow = instance.workflows.botId;
	const set = workflow.triggers.filter((entry) => entry.parameters.botId === CONFIGURED_BOT_ID);
	const invalid = workflow.triggers.filter((entry) => entry.parameters.botId !== CONFIGURED_BOT_ID);
	scenario(
		it,
		"puts the node's Bot ID in targetId on the lists whose deliveries name no bot, and answers 500 for one that is not an id",
		instance,
		() => [workflow.id],
		async (run) => {
			for (const [index, entry] of set.entries()) {
				const { kit } = entry;
				const body = kit.voteBy(voter(8, index), new Date());
				const headers = kit.sign(body, kit.credentials);
				expect((await run.send(entry, body, headers)).json).toEqual({ received: true });
				const [recorded] = await instance.recorder.waitFor(
					(request) => request.path === `/capture/${entry.target}`,
				);
				const item = recorded.json as IDataObject;
				expect(item).toMatchObject({ targetType: 'bot', targetId: CONFIGURED_BOT_ID });
				expect(item).toEqual(
					await expectedItem(
						kit,
						body,
						headers,
						kit.credentials,
						item.receivedAt as string,
						entry.parameters,
					),
				);
			}
			for (const entry of invalid) {
				const { kit } = entry;
				const body = kit.examples[kit.sample];
				const answer = await run.send(entry, body, kit.sign(body, kit.credentials));
				expect([kit.platform.name, answer.status, answer.json?.error]).toEqual([
					kit.platform.name,
					500,
					expect.stringMatching(/Bot ID parameter is not a Discord id/),
				]);
			}
			await local.sleep(1000);
			for (const entry of invalid) expect(run.arrivedAt(entry.target)).toEqual([]);
		},
	);
}
