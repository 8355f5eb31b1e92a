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
	snowflakeParameter,
	userIdProperty,
} from '../shared/api/description';
import { apiList, voteStatus } from './api';

export class DiscordForge implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'DiscordForge',
		name: 'discordForge',
		icon: { light: 'file:discordforge.svg', dark: 'file:discordforge.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: "Post your bot's server count to DiscordForge and check its votes",
		defaults: { name: 'DiscordForge' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'discordForgeApi', required: true }],
		requestDefaults: apiRequestDefaults,
		properties: [
			{
				displayName:
					'DiscordForge takes stats once every 5 minutes: an earlier post is refused (429). The API key names the bot, so no Bot ID is needed.',
				name: 'notice',
				type: 'notice',
				default: '',
				displayOptions: { show: { resource: ['bot'] } },
			},
			resourceProperty(['bot', 'vote']),
			operationProperty('bot', [
				postStatsOperation(apiList, "Update the server count on the bot's DiscordForge page", {
					method: 'POST',
					url: '/bots/stats',
				}),
			]),
			operationProperty('vote', [
				{
					name: 'Get',
					value: 'get',
					action: 'Check a vote',
					description:
						'Whether a user has voted for your bot recently, and when they can vote again',
					routing: {
						send: {
							preSend: [
								snowflakeParameter('botId', 'Bot ID'),
								snowflakeParameter('userId', 'User ID'),
							],
						},
						request: {
							method: 'GET',
							url: '=/bots/{{encodeURIComponent($parameter.botId.trim())}}/votes/check',
							qs: { userId: '={{$parameter.userId.trim()}}' },
						},
						output: { postReceive: [voteStatus] },
					},
				},
			]),
			...botIdProperty([['vote', 'get']]),
			...postStatsProperties('body', {
				serverCount: 'server_count',
				shardCount: 'shard_count',
				userCount: 'user_count',
				voiceConnections: 'voice_connections',
			}),
			userIdProperty("The voter's Discord user ID"),
		],
	};
}
