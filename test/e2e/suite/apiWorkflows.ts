/*
 * The action nodes' workflow: for every case of every list with an API (test/<List>/api.ts), a Webhook trigger
 * answering with the items of the action node it feeds (`responseMode: lastNode`, all entries), the action node
 * holding the case's parameters and a credential whose base URL is the list's stand-in. One workflow for all, so
 * that n8n 2.x publishes it once. A case also runs with a token the stand-in refuses, the node set to continue on
 * error: n8n's error item must come back.
 */
import type { IDataObject } from 'n8n-workflow';
import type { ListKit } from '../../shared/kit';
import { apiCredentialData, type ApiCase, type ApiKit } from '../../shared/apiKit';
import type { StandIn } from '../../helpers/standIn';

export const API_WORKFLOW_ID = 'bltE2eApi';

export interface ApiCall {
	kit: ListKit;
	api: ApiKit;
	entry: ApiCase;
	/** The production webhook path that runs it: POST /webhook/<path>. */
	path: string;
	/** Run with a token the list refuses, continuing on error. */
	badToken: boolean;
}

export function apiCalls(lists: readonly ListKit[]): ApiCall[] {
	return lists.flatMap((kit) => {
		const api = kit.api;
		if (api === undefined) return [];
		const calls = api.cases.map((entry, index) => ({
			kit,
			api,
			entry,
			path: `e2e-api-${kit.platform.name}-${index}`,
			badToken: false,
		}));
		return [
			...calls,
			{ ...calls[0], path: `e2e-api-${kit.platform.name}-bad-token`, badToken: true },
		];
	});
}

const credentialIdOf = (call: ApiCall) =>
	`bltApi${call.kit.platform.name}${call.badToken ? 'Bad' : ''}`;

export function apiCredentials(calls: readonly ApiCall[], standIns: ReadonlyMap<string, StandIn>) {
	const byId = new Map<string, IDataObject>();
	for (const call of calls) {
		const credential = new call.api.Credential();
		byId.set(credentialIdOf(call), {
			id: credentialIdOf(call),
			name: `${credential.displayName}${call.badToken ? ' (refused)' : ''}`,
			type: credential.name,
			data: apiCredentialData(
				call.api,
				standIns.get(call.kit.platform.name)!.baseUrl,
				call.badToken ? 'a-token-the-list-refuses' : call.api.token,
			),
		});
	}
	return [...byId.values()] as Array<{
		id: string;
		name: string;
		type: string;
		data: Record<string, string>;
	}>;
}

export function apiWorkflow(calls: readonly ApiCall[], packageName: string) {
	const nodes = calls.flatMap((call, row) => {
		const action = new call.api.Node().description;
		const credential = new call.api.Credential();
		return [
			{
				id: `${call.path}-webhook`,
				name: `Call ${call.path}`,
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, row * 100],
				webhookId: `0e2eaa00-0000-4000-8000-${String(row).padStart(12, '0')}`,
				parameters: {
					httpMethod: 'POST',
					path: call.path,
					responseMode: 'lastNode',
					responseData: 'allEntries',
					options: {},
				},
			},
			{
				id: `${call.path}-action`,
				name: `${action.displayName} ${call.path}`,
				type: `${packageName}.${action.name}`,
				typeVersion: 1,
				position: [300, row * 100],
				parameters: call.entry.parameters,
				credentials: {
					[credential.name]: { id: credentialIdOf(call), name: credential.displayName },
				},
				...(call.badToken ? { onError: 'continueRegularOutput' } : {}),
			},
		];
	});
	const connections = Object.fromEntries(
		calls.map((call) => [
			`Call ${call.path}`,
			{
				main: [
					[
						{
							node: `${new call.api.Node().description.displayName} ${call.path}`,
							type: 'main',
							index: 0,
						},
					],
				],
			},
		]),
	);
	return {
		id: API_WORKFLOW_ID,
		name: 'E2E action nodes',
		nodes,
		connections,
		settings: { executionOrder: 'v1' },
		pinData: {},
	};
}
