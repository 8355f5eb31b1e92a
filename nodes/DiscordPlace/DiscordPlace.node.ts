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

const BOT_PATH = '=/bots/{{encodeURIComponent($parameter.botId.trim())}}';

export class DiscordPlace implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'discord.place',
		name: 'discordPlace',
		icon: { light: 'file:discordplace.svg', dark: 'file:discordplace.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: "Post your bot's server count to discord.place and check its votes",
		defaults: { name: 'discord.place' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'discordPlaceApi', required: true }],
		requestDefaults: apiRequestDefaults,
		properties: [
			{
				displayName:
					'discord.place takes stats once every 6 hours: an earlier post is refused (429), and the fifth refused post within 6 hours revokes the API key',
				name: 'notice',
				type: 'notice',
				default: '',
				displayOptions: { show: { resource: ['bot'] } },
			},
			resourceProperty(['bot', 'vote']),
			operationProperty('bot', [
				postStatsOperation(apiList, "Update the server count on the bot's discord.place page", {
					method: 'PATCH',
					url: `${BOT_PATH}/stats`,
				}),
			]),
			operationProperty('vote', [
				{
					name: 'Get',
					value: 'get',
					action: 'Check a vote',
					description: 'Whether a user voted for your bot in the last 24 hours',
					routing: {
						send: {
							preSend: [
								snowflakeParameter('botId', 'Bot ID'),
								snowflakeParameter('userId', 'User ID'),
							],
						},
						request: {
							method: 'GET',
							url: `${BOT_PATH}/voters/{{encodeURIComponent($parameter.userId.trim())}}`,
						},
						output: { postReceive: [voteStatus] },
					},
				},
			]),
			...botIdProperty([
				['bot', 'postStats'],
				['vote', 'get'],
			]),
			...postStatsProperties('body', {
				serverCount: 'server_count',
				commandCount: 'command_count',
			}),
			userIdProperty("The voter's Discord user ID"),
		],
	};
}
