/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- a development tool run by Node, never loaded by n8n: n8n's rules for the code it loads (no Node built-ins, globals, console or child processes; NodeApiError) do not apply */
/*
 * The example workflows (examples/*.json) with credentials to run them locally, and a signed sample delivery
 * per list: shared by `npm start`, the screenshots, the end-to-end suite, the queue-mode run and the benchmark.
 * Everything about a list comes from its kit in test/registry.ts; this module names none of them.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LISTS, listNamed, listOfNodeType } from '../../test/registry';
import type { Credentials, Headers, ListKit } from '../../test/shared/kit';
import { apiCredentialData } from '../../test/shared/apiKit';
import type { CredentialJson, WorkflowJson } from './n8n-local';

const EXAMPLES_DIR = join(__dirname, '..', '..', 'examples');
/** Where the examples send rewards; a placeholder the user replaces with their bot's endpoint. */
const PLACEHOLDER_REWARD_URL = 'https://your-bot.example.com/api/rewards';
/** Discord's API, which the server-count example reads the bot's server count from. */
const DISCORD_API_URL = 'https://discord.com/api/v10';
/** The package prefix of the pack's node types in a workflow (`n8n-nodes-botlists.<name>Trigger`). */
const PACK_PREFIX = 'n8n-nodes-botlists.';

/** A node of a workflow file; only what the scripts read is spelled out. */
export interface WorkflowNode {
	name: string;
	type: string;
	webhookId?: string;
	parameters: Record<string, unknown>;
	/** By credential type: the id and name of the credential the node uses. */
	credentials?: Record<string, { id: string; name: string }>;
	[field: string]: unknown;
}

export type ExampleWorkflow = WorkflowJson & { nodes: WorkflowNode[] };

/** Example steps that need the user's own account, which the demo cannot provide: what each needs. */
const ACCOUNT_NODES: Readonly<Record<string, string>> = {
	'n8n-nodes-base.googleSheets': 'Google Sheets credential and sheet',
	'n8n-nodes-base.postgres': 'PostgreSQL credential and table',
};
/** Credentials of the user's own accounts an example step may hold, by credential type: what each needs. */
const ACCOUNT_CREDENTIALS: Readonly<Record<string, string>> = {
	discordBotApi: 'Discord bot token',
	...Object.fromEntries(
		LISTS.flatMap((kit) =>
			kit.api ? [[new kit.api.Credential().name, `${kit.platform.displayName} API token`]] : [],
		),
	),
};
/** The node that remembers what it has seen across executions (and restarts): a repeated sample would do nothing. */
const REMOVE_DUPLICATES = 'n8n-nodes-base.removeDuplicates';
/** The voter of the demo's fresh votes: a made-up Discord id. */
const DEMO_VOTER = '700000000000000001';

/** A request body and the headers that go with it. */
export interface Delivery {
	body: string;
	headers: Headers;
}

/** Demo secrets by list (`kit.platform.name`), for a local instance only: never reuse them on a real dashboard. */
export const DEMO_SECRETS: Readonly<Record<string, Credentials>> = Object.fromEntries(
	LISTS.map((kit) => [kit.platform.name, kit.demoCredentials]),
);

/** The credential the example workflows reference for a list's trigger: `bltCred<Folder>01`, "<List> account". */
function listCredential(kit: ListKit): CredentialJson {
	return {
		id: `bltCred${kit.folder}01`,
		name: `${kit.platform.displayName} account`,
		type: kit.platform.credentialType,
		data: kit.demoCredentials,
	};
}

/**
 * The API credential the examples reference for a list's action node: `bltCredApi<Folder>01`, "<Node> API account",
 * by the action node's name.
 */
function apiCredential(kit: ListKit, baseUrl: string): CredentialJson {
	const api = kit.api!;
	return {
		id: `bltCredApi${kit.folder}01`,
		name: `${new api.Node().description.displayName} API account`,
		type: new api.Credential().name,
		data: apiCredentialData(api, baseUrl),
	};
}

/**
 * The credentials the example workflows reference, by the ids written in examples/: one per list, then Discord's;
 * with `apis` (stand-ins of the lists' APIs and of Discord's, by platform and `discord`), the API credentials too.
 */
export function exampleCredentials({
	discordWebhookUrl,
	apis,
}: {
	discordWebhookUrl: string;
	apis?: ReadonlyMap<string, string>;
}): CredentialJson[] {
	return [
		...LISTS.map(listCredential),
		{
			id: 'bltCredDiscord01',
			name: 'Discord votes channel',
			type: 'discordWebhookApi',
			data: { webhookUri: discordWebhookUrl },
		},
		...(apis === undefined
			? []
			: [
					...LISTS.filter((kit) => kit.api && apis.has(kit.platform.name)).map((kit) =>
						apiCredential(kit, apis.get(kit.platform.name)!),
					),
					{
						id: 'bltCredDiscordBot01',
						name: 'Discord bot',
						type: 'discordBotApi',
						data: { botToken: DEMO_DISCORD_BOT_TOKEN },
					},
				]),
	];
}

/** The bot token the demo's Discord bot credential holds: only a stand-in of Discord's API accepts it. */
export const DEMO_DISCORD_BOT_TOKEN = 'demo-discord-bot-token';

/**
 * examples/*.json as workflow objects, by file name; the placeholder reward endpoint is pointed at `rewardUrl`, and
 * Discord's API at `discordApiUrl` when given.
 */
export function loadExamples({
	rewardUrl,
	discordApiUrl,
}: {
	rewardUrl: string;
	discordApiUrl?: string;
}): ExampleWorkflow[] {
	return readdirSync(EXAMPLES_DIR)
		.filter((file) => file.endsWith('.json'))
		.sort()
		.map((file) => {
			// The repository's own example files, which the test suites check.
			const workflow: ExampleWorkflow = JSON.parse(readFileSync(join(EXAMPLES_DIR, file), 'utf8'));
			for (const node of workflow.nodes) {
				const url = node.parameters.url;
				if (url === PLACEHOLDER_REWARD_URL) node.parameters.url = rewardUrl;
				if (discordApiUrl && typeof url === 'string' && url.startsWith(DISCORD_API_URL))
					node.parameters.url = discordApiUrl + url.slice(DISCORD_API_URL.length);
			}
			return workflow;
		});
}

/** A trigger of the pack in a workflow, its list (`kit.platform.name`) and its production path, `<webhookId>/webhook`. */
export interface WorkflowTrigger {
	trigger: WorkflowNode;
	platform: string;
	path: string;
}

/**
 * Every trigger of the pack in a workflow: one, several when one workflow takes deliveries from several lists, none
 * in a workflow that only calls the lists' APIs.
 */
export function triggersOf(workflow: ExampleWorkflow): WorkflowTrigger[] {
	const triggers = workflow.nodes.filter(
		(node) => node.type.startsWith(PACK_PREFIX) && node.type.endsWith('Trigger'),
	);
	return triggers.map((trigger) => ({
		trigger,
		platform: listOfNodeType(trigger.type).platform.name,
		path: `${trigger.webhookId}/webhook`,
	}));
}

/** The pack's one trigger of a workflow built around a single list. */
export function triggerOf(workflow: ExampleWorkflow): WorkflowTrigger {
	const triggers = triggersOf(workflow);
	if (triggers.length !== 1)
		throw new Error(
			`workflow "${workflow.name}" has ${triggers.length} triggers of n8n-nodes-botlists: use triggersOf`,
		);
	return triggers[0];
}

/** What a workflow needs of the user's own accounts before it can run ("Google Sheets credential and sheet"), if anything. */
export function accountNeeded(workflow: ExampleWorkflow): string | undefined {
	const node = workflow.nodes.find((candidate) => Object.hasOwn(ACCOUNT_NODES, candidate.type));
	if (node) return ACCOUNT_NODES[node.type];
	const needs = workflow.nodes.flatMap((candidate) =>
		Object.keys(candidate.credentials ?? {}).filter((type) =>
			Object.hasOwn(ACCOUNT_CREDENTIALS, type),
		),
	);
	return needs.length > 0
		? [...new Set(needs.map((type) => ACCOUNT_CREDENTIALS[type]))].join(', ')
		: undefined;
}

/** Whether a workflow drops items it has seen in earlier executions, even before a restart (Remove Duplicates). */
export function remembersEvents(workflow: ExampleWorkflow): boolean {
	return workflow.nodes.some((node) => node.type === REMOVE_DUPLICATES);
}

/** A body signed as the list signs it under the demo secrets. */
function signed(kit: ListKit, body: string): Delivery {
	return {
		body,
		headers: { 'Content-Type': 'application/json', ...kit.sign(body, kit.demoCredentials) },
	};
}

/** The list's sample example delivery (`kit.sample`), signed as the list signs it under the demo secrets. */
export function sampleDelivery(platform: string): Delivery {
	const kit = listNamed(platform);
	return signed(kit, kit.examples[kit.sample]);
}

/** A vote cast at `at` by the demo voter, signed: its eventId is new for each `at`, so Remove Duplicates lets it through once. */
export function freshVote(platform: string, at: Date): Delivery {
	const kit = listNamed(platform);
	return signed(kit, kit.voteBy(DEMO_VOTER, at));
}

/** A copy-paste curl line for a delivery. */
export function curlLine(url: string, { body, headers }: Delivery): string {
	const quote = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;
	const headerArgs = Object.entries(headers).map(
		([name, value]) => `-H ${quote(`${name}: ${value}`)}`,
	);
	return ['curl -sS -X POST', quote(url), ...headerArgs, '--data-raw', quote(body)].join(' ');
}
