import '../shared/supportedN8n';
import type { INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import {
	apiRequestDefaults,
	operationProperty,
	postStatsOperation,
	postStatsProperties,
	resourceProperty,
	snowflakeParameter,
	userIdProperty,
} from '../shared/api/description';
import { apiList, voteStatus } from './api';

export class Diffcord implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Diffcord',
		name: 'diffcord',
		icon: { light: 'file:diffcord.svg', dark: 'file:diffcord.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: "Post your bot's server count to Diffcord and check its votes",
		defaults: { name: 'Diffcord' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'diffcordApi', required: true }],
		requestDefaults: apiRequestDefaults,
		properties: [
			{
				displayName:
					"Diffcord's API key names the bot, so no Bot ID is asked. It has no list of votes (only a monthly count), so Vote offers Get alone.",
				name: 'notice',
				type: 'notice',
				default: '',
			},
			resourceProperty(['bot', 'vote']),
			operationProperty('bot', [
				postStatsOperation(
					apiList,
					"Update the server and shard counts on the bot's Diffcord page",
					{ method: 'POST', url: '/stats' },
				),
			]),
			operationProperty('vote', [
				{
					name: 'Get',
					value: 'get',
					action: 'Check a vote',
					description:
						'Whether a user has voted for your bot and may not vote again yet, with the last and next vote times',
					routing: {
						send: { preSend: [snowflakeParameter('userId', 'User ID')] },
						request: {
							method: 'GET',
							url: '=/users/{{encodeURIComponent($parameter.userId.trim())}}/votes',
						},
						output: { postReceive: [voteStatus] },
					},
				},
			]),
			...postStatsProperties('query', { serverCount: 'guilds', shardCount: 'shards' }),
			userIdProperty("The voter's Discord user ID"),
		],
	};
}
