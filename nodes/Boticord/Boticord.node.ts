import '../shared/supportedN8n';
import type { INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import {
	apiRequestDefaults,
	botIdProperty,
	operationProperty,
	postStatsOperation,
	postStatsProperties,
	resourceProperty,
} from '../shared/api/description';
import { apiList } from './api';

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
			resourceProperty(['bot']),
			operationProperty('bot', [
				postStatsOperation(
					apiList,
					"Update the server, shard and member counts on the bot's Boticord page",
					{ method: 'POST', url: '=/bots/{{encodeURIComponent($parameter.botId.trim())}}/stats' },
				),
			]),
			...botIdProperty([['bot', 'postStats']]),
			...postStatsProperties('body', {
				serverCount: 'servers',
				shardCount: 'shards',
				userCount: 'members',
			}),
		],
	};
}
