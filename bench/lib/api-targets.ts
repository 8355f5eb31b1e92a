/*
 * The workflows the action-node benchmark publishes: for every list of the registry with an API, for each of its
 * Bot > Post Stats and Vote > Get cases, a Webhook (answering with the last node's items) feeding (1) the list's
 * action node with the case's parameters, and (2) n8n's HTTP Request node making the request the case documents
 * (same method, URL, query and body) with the same credential, as a predefined credential type. Both credentials'
 * base URL is the list's stand-in, which the caller has started.
 */
import type { INodeParameters } from 'n8n-workflow';
import { LISTS } from '../../test/registry';
import type { ApiCase, ApiKit, DocumentedRequest } from '../../test/shared/apiKit';
import type { ListKit } from '../../test/shared/kit';
import type { WorkflowNode } from '../../scripts/lib/demo';
import type { CredentialJson, WorkflowJson } from '../../scripts/lib/n8n-local';
import { webhookNode } from './webhook-node';

/** The operations benchmarked, as `resource/operation`. */
const OPERATIONS = ['bot/postStats', 'vote/get'];
/** The HTTP Request node version with `predefinedCredentialType` and JSON bodies as the editor writes them. */
const HTTP_REQUEST_NODE_VERSION = 4.2;

/** One list case benchmarked: the list, its API kit and the case. */
export interface ApiBenchCase {
	kit: ListKit;
	api: ApiKit;
	entry: ApiCase;
	/** `Top.gg Vote > Get: a user with an active vote` */
	label: string;
}

/** A published workflow and the webhook path that runs it. */
export interface ApiTarget {
	kind: 'node' | 'http';
	benchCase: ApiBenchCase;
	/** The production webhook's path, after `/webhook/`. */
	path: string;
	workflow: WorkflowJson & { nodes: WorkflowNode[]; connections: Record<string, unknown> };
}

/** The two targets of one case, side by side. */
export interface ApiPair {
	benchCase: ApiBenchCase;
	node: ApiTarget;
	http: ApiTarget;
}

const uuid = (index: number) => `be0ca000-0000-4000-8000-${String(index).padStart(12, '0')}`;
const credentialOf = (kit: ListKit) => ({
	id: `bltBenchApi${kit.folder}`,
	name: `Bench ${kit.platform.displayName} API`,
});
const operationOf = (entry: ApiCase) =>
	`${String(entry.parameters.resource)}/${String(entry.parameters.operation)}`;
const operationName = (entry: ApiCase) =>
	entry.parameters.resource === 'bot' ? 'Bot > Post Stats' : 'Vote > Get';

/** Every Post Stats and Vote > Get case of every list with an API, in the registry's order. */
export function apiBenchCases(): ApiBenchCase[] {
	return LISTS.flatMap((kit) => {
		const api = kit.api;
		if (api === undefined) return [];
		return api.cases
			.filter((entry) => OPERATIONS.includes(operationOf(entry)))
			.map((entry) => ({
				kit,
				api,
				entry,
				label: `${kit.platform.displayName} ${operationName(entry)}: ${entry.name}`,
			}));
	});
}

function listeningNode(index: number): WorkflowNode {
	return webhookNode(uuid(100 + index), uuid(index), {
		responseMode: 'lastNode',
		responseData: 'allEntries',
		options: {},
	});
}

/** The list's action node with the case's parameters, at the version the editor puts on a new canvas. */
function actionNode(index: number, { kit, api, entry }: ApiBenchCase): WorkflowNode {
	const { displayName, name, version, defaultVersion } = new api.Node().description;
	return {
		id: uuid(200 + index),
		name: displayName,
		type: `n8n-nodes-botlists.${name}`,
		typeVersion: defaultVersion ?? (Array.isArray(version) ? Math.max(...version) : version),
		position: [300, 0],
		parameters: entry.parameters,
		credentials: { [new api.Credential().name]: credentialOf(kit) },
	};
}

/** The only request the case documents: a Post Stats or Vote > Get makes one. */
function onlyRequest({ label, entry }: ApiBenchCase): DocumentedRequest {
	if (entry.requests.length !== 1)
		throw new Error(`${label}: ${entry.requests.length} documented requests, expected 1`);
	return entry.requests[0];
}

/**
 * n8n's HTTP Request node making the case's documented request under the credential's base URL. It never errors
 * on a status, so that a documented 404 ("no active vote") is an answer for it as for the action node.
 */
function httpRequestNode(
	index: number,
	benchCase: ApiBenchCase,
	standInBaseUrl: string,
): WorkflowNode {
	const request = onlyRequest(benchCase);
	const credentialType = new benchCase.api.Credential().name;
	const query = Object.entries(request.query ?? {});
	const parameters: INodeParameters = {
		method: request.method,
		url: `${standInBaseUrl}${request.path}`,
		authentication: 'predefinedCredentialType',
		nodeCredentialType: credentialType,
		sendQuery: query.length > 0,
		queryParameters: { parameters: query.map(([name, value]) => ({ name, value })) },
		sendBody: request.body !== undefined,
		...(request.body !== undefined
			? { contentType: 'json', specifyBody: 'json', jsonBody: JSON.stringify(request.body) }
			: {}),
		options: { response: { response: { neverError: true } } },
	};
	return {
		id: uuid(200 + index),
		name: 'HTTP Request',
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: HTTP_REQUEST_NODE_VERSION,
		position: [300, 0],
		parameters,
		credentials: { [credentialType]: credentialOf(benchCase.kit) },
	};
}

function target(
	index: number,
	kind: ApiTarget['kind'],
	benchCase: ApiBenchCase,
	second: WorkflowNode,
): ApiTarget {
	const webhook = listeningNode(index);
	return {
		kind,
		benchCase,
		path: String(webhook.webhookId),
		workflow: {
			id: `bltBenchApi${String(index).padStart(2, '0')}`,
			name: `Bench ${benchCase.label} (${kind === 'node' ? 'action node' : 'HTTP Request'})`,
			nodes: [webhook, second],
			connections: {
				[webhook.name]: { main: [[{ node: second.name, type: 'main', index: 0 }]] },
			},
			settings: { executionOrder: 'v1' },
		},
	};
}

/** A pair of targets per case; `standIns` holds each list's stand-in base URL by platform name. */
export function apiPairs(
	cases: readonly ApiBenchCase[],
	standIns: ReadonlyMap<string, string>,
): ApiPair[] {
	return cases.map((benchCase, position) => {
		const baseUrl = standIns.get(benchCase.kit.platform.name);
		if (baseUrl === undefined) throw new Error(`${benchCase.label}: no stand-in started`);
		const index = 2 * position + 1;
		return {
			benchCase,
			node: target(index, 'node', benchCase, actionNode(index, benchCase)),
			http: target(index + 1, 'http', benchCase, httpRequestNode(index + 1, benchCase, baseUrl)),
		};
	});
}

/** One credential per list, its base URL at the list's stand-in: both targets of a case use it. */
export function apiCredentials(
	cases: readonly ApiBenchCase[],
	standIns: ReadonlyMap<string, string>,
): CredentialJson[] {
	const byList = new Map<string, CredentialJson>();
	for (const { kit, api } of cases)
		byList.set(kit.platform.name, {
			...credentialOf(kit),
			type: new api.Credential().name,
			data: { [api.tokenField]: api.token, baseUrl: standIns.get(kit.platform.name) },
		});
	return [...byList.values()];
}
