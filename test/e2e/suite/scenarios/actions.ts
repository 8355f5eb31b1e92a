/*
 * The action nodes inside real n8n: every operation of every list's node, run by n8n's own workflow engine and
 * credentials store against the list's stand-in, must send the documented request and give the contract's flat
 * items; a token the list refuses, with the node set to continue on error, gives n8n's error item naming the list.
 */
import type { IDataObject } from 'n8n-workflow';
import * as local from '../../../../scripts/lib/n8n-local';
import { jsonBody } from '../../../helpers/standIn';
import type { ApiCall } from '../apiWorkflows';
import type { Instance } from '../instance';

const withoutRaw = (item: IDataObject) =>
	Object.fromEntries(Object.entries(item).filter(([key]) => key !== 'raw'));

/** POSTs to the call's webhook; while n8n registers the action workflow's webhooks it may answer 404 briefly. */
async function call(instance: Instance, entry: ApiCall): Promise<local.PostAnswer> {
	for (let attempt = 0; ; attempt++) {
		const answer = await local.post(`${instance.n8n.baseUrl}/webhook/${entry.path}`, {
			body: '{}',
		});
		if (answer.status !== 404 || attempt === 20) return answer;
		await local.sleep(500);
	}
}

export function actionNodes(instance: Instance): void {
	it('runs every operation of every action node: the documented requests, the flat items', async () => {
		const calls = instance.apiCalls.filter((entry) => !entry.badToken);
		for (const entry of calls) {
			const standIn = instance.standIns.get(entry.kit.platform.name)!;
			const before = standIn.seen.length;
			const answer = await call(instance, entry);
			const label = `${entry.kit.platform.name}: ${entry.entry.name}`;
			expect([label, answer.status]).toEqual([label, 200]);
			const items = JSON.parse(answer.text) as IDataObject[];
			expect([label, items.map(withoutRaw)]).toEqual([label, entry.entry.items]);
			const seen = standIn.seen.slice(before);
			expect([label, seen.length]).toEqual([label, entry.entry.requests.length]);
			entry.entry.requests.forEach((expected, index) => {
				const request = seen[index];
				expect([label, request.method, request.path, request.query, jsonBody(request)]).toEqual([
					label,
					expected.method,
					`${entry.api.basePath}${expected.path}`,
					expected.query ?? {},
					expected.body,
				]);
				expect(request.headers).toMatchObject(expected.headers);
			});
		}
	});

	it('a token the list refuses, with Continue On Fail: an error item naming the list and its status', async () => {
		for (const entry of instance.apiCalls.filter((candidate) => candidate.badToken)) {
			const answer = await call(instance, entry);
			const label = entry.kit.platform.name;
			expect([label, answer.status]).toEqual([label, 200]);
			const [item] = JSON.parse(answer.text) as IDataObject[];
			const listName = new entry.api.Node().description.displayName;
			expect([label, String(item.error)]).toEqual([
				label,
				expect.stringContaining(`${listName} answered ${entry.api.badTokenStatus}`),
			]);
		}
	});
}
