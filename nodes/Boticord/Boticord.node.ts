import '../shared/supportedN8n';
import type { INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import {
	apiRequestDefaults,
	botIdProperty,
	postStatsProperties,
	snowflakeParameter,
} from '../shared/api/description';
import { posted } from './api';

export class Boticord implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Boticord',
		name: 'boticord',
		icon: { light: 'file:boticord.svg', dark: 'file:boticord.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: "Post your bot's server count to Boticord",
		defaults: { name: 'Boticord' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'boticordApi', required: true }],
		requestDefaults: apiRequestDefaults,
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [{ name: 'Bot', value: 'bot' }],
				default: 'bot',
			},
			{
				displayName: 'Operation',
				name: 'operation',
				type: 'options',
				noDataExpression: true,
				displayOptions: { show: { resource: ['bot'] } },
				options: [
					{
						name: 'Post Stats',
						value: 'postStats',
						action: 'Post server count',
						description: "Update the server, shard and member counts on the bot's Boticord page",
						routing: {
							send: { preSend: [snowflakeParameter('botId', 'Bot ID')] },
							request: {
								method: 'POST',
								url: '=/bots/{{encodeURIComponent($parameter.botId.trim())}}/stats',
							},
							output: { postReceive: [posted] },
						},
					},
				],
				default: 'postStats',
			},
			...botIdProperty([['bot', 'postStats']]),
			...postStatsProperties('body', {
				serverCount: 'servers',
				shardCount: 'shards',
				userCount: 'members',
			}),
		],
	};
}
