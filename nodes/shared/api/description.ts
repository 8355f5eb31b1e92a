import type {
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
	INodeExecutionData,
	INodeProperties,
	INodePropertyOptions,
	INodeTypeDescription,
	PostReceiveAction,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { z } from 'zod/v4';
import { successBody, unexpectedAnswer } from './answers';
import { botIdOrNull, postedItem, sentStats } from './items';

/**
 * The parts every list's action node shares: its resources, the parameters the contract names, Post Stats, and
 * the request defaults. Each node writes its vote operations (method, path, output) in its own file, the way
 * n8n's declarative nodes do; these are the pieces that must stay identical across them.
 */

export type Resource = 'bot' | 'vote';

/** Who an action node speaks for: the list's name in its errors, its platform in its items. */
export interface ApiList {
	name: string;
	platform: string;
}

const RESOURCE_NAMES: Record<Resource, string> = { bot: 'Bot', vote: 'Vote' };

/** The Resource parameter, offering the resources the list's API has; the first is the default. */
export function resourceProperty(resources: Resource[]): INodeProperties {
	const [first] = resources;
	return {
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: resources.map((value) => ({ name: RESOURCE_NAMES[value], value })),
		default: first,
	};
}

/** One resource's Operation parameter; its first operation is the default. */
export function operationProperty(
	resource: Resource,
	operations: INodePropertyOptions[],
): INodeProperties {
	const first = operations[0].value;
	return {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: [resource] } },
		options: operations,
		default: first,
	};
}

/**
 * Bot > Post Stats: `request` sends the numbers of `postStatsProperties`; the item says what was sent (the list
 * answers 204 or an acknowledgement, kept in `raw`). A path naming the bot checks Bot ID before anything is sent.
 */
export function postStatsOperation(
	list: ApiList,
	description: string,
	request: { method: 'POST' | 'PATCH'; url: string },
): INodePropertyOptions {
	const namesBot = request.url.includes('$parameter.botId');
	return {
		name: 'Post Stats',
		value: 'postStats',
		action: 'Post server count',
		description,
		routing: {
			...(namesBot ? { send: { preSend: [snowflakeParameter('botId', 'Bot ID')] } } : {}),
			request,
			output: {
				postReceive: [
					answerTo(list.name, z.unknown(), function (body) {
						const targetId = namesBot ? botIdOrNull(this) : null;
						return [postedItem(list.platform, targetId, sentStats(this), body ?? null)];
					}),
				],
			},
		},
	};
}

type AdditionalStat = 'shardCount' | 'shardId' | 'userCount' | 'voiceConnections' | 'commandCount';

/** The numbers a list's stats endpoint accepts, by parameter name, each with the list's own name for it. */
export type StatsFields = { serverCount: string } & Partial<Record<AdditionalStat, string>>;

/** Where a list wants its stats: the JSON body (most) or the query string (Diffcord). */
export type StatsPlace = 'body' | 'query';

/**
 * n8n's routing hands every status to the node's own answer check (`successBody`), which names the list's words;
 * the base URL comes from the credential, so the same node reaches the list or a stand-in of it.
 */
export const apiRequestDefaults: INodeTypeDescription['requestDefaults'] = {
	baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
	headers: { Accept: 'application/json' },
	ignoreHttpStatusErrors: true,
};

/** Bot ID, on the operations whose path names the bot (the lists whose token names it need none). */
export function botIdProperty(operations: Array<[Resource, string]>): INodeProperties[] {
	return operations.map(([resource, operation]) => ({
		displayName: 'Bot ID',
		name: 'botId',
		type: 'string',
		required: true,
		default: '',
		placeholder: '123456789012345678',
		description:
			"Your bot's Discord application ID, as the list shows it in the bot's page address",
		displayOptions: { show: { resource: [resource], operation: [operation] } },
	}));
}

const STATS_FIELDS: Record<AdditionalStat, { displayName: string; description: string }> = {
	shardCount: { displayName: 'Shard Count', description: 'How many shards the bot runs' },
	shardId: {
		displayName: 'Shard ID',
		description: 'The shard these numbers are for, when each shard posts its own',
	},
	userCount: { displayName: 'User Count', description: 'How many users the bot serves' },
	voiceConnections: {
		displayName: 'Voice Connections',
		description: 'How many voice channels the bot is connected to',
	},
	commandCount: { displayName: 'Command Count', description: 'How many commands the bot has' },
};

/** Server Count and the Additional Fields the list accepts, each sent under the list's name for it. */
export function postStatsProperties(place: StatsPlace, fields: StatsFields): INodeProperties[] {
	const show = { resource: ['bot'], operation: ['postStats'] };
	const send = (property: string) => ({ send: { type: place, property } });
	const serverCount: INodeProperties = {
		displayName: 'Server Count',
		name: 'serverCount',
		type: 'number',
		required: true,
		default: 0,
		typeOptions: { minValue: 0, numberPrecision: 0 },
		description:
			'How many servers the bot is in, e.g. from Discord\'s GET /applications/@me ("approximate_guild_count")',
		displayOptions: { show },
		routing: send(fields.serverCount),
	};
	const entries = (
		Object.entries(fields) as Array<[AdditionalStat | 'serverCount', string]>
	).filter((entry): entry is [AdditionalStat, string] => entry[0] !== 'serverCount');
	if (entries.length === 0) return [serverCount];
	return [
		serverCount,
		{
			displayName: 'Additional Fields',
			name: 'additionalFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			displayOptions: { show },
			options: entries.map(([name, listName]) => ({
				...STATS_FIELDS[name],
				name,
				type: 'number',
				default: 0,
				typeOptions: { minValue: 0, numberPrecision: 0 },
				routing: send(listName),
			})),
		},
	];
}

export function userIdProperty(description: string): INodeProperties {
	return {
		displayName: 'User ID',
		name: 'userId',
		type: 'string',
		required: true,
		default: '',
		placeholder: '123456789012345678',
		description,
		displayOptions: { show: { resource: ['vote'], operation: ['get'] } },
	};
}

/**
 * Return All and Limit for Vote > Get Many. A list that pages its votes reads both in its pagination; on a list
 * that sends every vote in one answer, Limit cuts that answer. `maxLimit` is the most the list can ever send.
 */
export function returnAllLimitProperties(maxLimit?: number): INodeProperties[] {
	const show = { resource: ['vote'], operation: ['getMany'] };
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
			displayOptions: { show },
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			default: 50,
			typeOptions: { minValue: 1, ...(maxLimit === undefined ? {} : { maxValue: maxLimit }) },
			description: 'Max number of results to return',
			displayOptions: { show: { ...show, returnAll: [false] } },
			routing: { output: { maxResults: '={{ $value }}' } },
		},
	];
}

/**
 * A postReceive step that turns the list's answer into the node's items: statuses outside 2xx (and outside
 * `alsoAccepted`, such as top.gg's 404 for "no vote") become the list's error; a body that fails `schema` becomes
 * an error naming the field, never an item with made-up values.
 */
export function answerTo<S extends z.ZodType>(
	list: string,
	schema: S,
	toItems: (
		this: IExecuteSingleFunctions,
		body: z.infer<S>,
		response: IN8nHttpFullResponse,
	) => INodeExecutionData[],
	alsoAccepted: number[] = [],
): PostReceiveAction {
	return async function (this: IExecuteSingleFunctions, _items, response) {
		const body = alsoAccepted.includes(response.statusCode)
			? response.body
			: successBody.call(this, list, response);
		return toItems.call(this, parsedAnswer(this, list, schema, response, body), response);
	};
}

/** `body` as `schema` reads it, or an error naming the first field that is not what the list documents. */
export function parsedAnswer<S extends z.ZodType>(
	context: IExecuteSingleFunctions,
	list: string,
	schema: S,
	response: IN8nHttpFullResponse,
	body: unknown,
): z.infer<S> {
	const parsed = schema.safeParse(body);
	if (parsed.success) return parsed.data;
	const issue = parsed.error.issues[0];
	const where = issue.path.length === 0 ? 'the body' : issue.path.join('.');
	throw unexpectedAnswer(context, list, response, `${where}: ${issue.message}`);
}

/** A preSend step refusing an ID that is not a Discord snowflake before anything is sent. */
export function snowflakeParameter(name: 'botId' | 'userId', label: string) {
	return async function (
		this: IExecuteSingleFunctions,
		options: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const value = String(this.getNodeParameter(name, '')).trim();
		if (!/^\d{15,21}$/.test(value)) {
			throw new NodeOperationError(
				this.getNode(),
				`${label} must be a Discord ID (15 to 21 digits), got "${value.slice(0, 40)}"`,
				{ description: 'Nothing was sent to the list.' },
			);
		}
		return options;
	};
}
