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
	returnAllLimitProperties,
	snowflakeParameter,
	userIdProperty,
} from '../shared/api/description';
import { apiList, listedVotes, voteStatus } from './api';

const BOT_PATH = '=/bots/{{encodeURIComponent($parameter.botId.trim())}}';

/** Discord Bot List's upvotes answer holds at most this many votes (its docs: "the most recent 500"). */
const MAX_UPVOTES = 500;

export class DiscordBotList implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Discord Bot List',
		name: 'discordBotList',
		icon: { light: 'file:discordbotlist.svg', dark: 'file:discordbotlist.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: "Post your bot's server count to Discord Bot List and check its votes",
		defaults: { name: 'Discord Bot List' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'discordBotListApi', required: true }],
		requestDefaults: apiRequestDefaults,
		properties: [
			{
				displayName:
					"Discord Bot List has no vote check: Vote > Get looks for the user among the last 12 hours' votes it lists (at most the 500 most recent), and Next Vote At assumes a 12-hour cooldown",
				name: 'notice',
				type: 'notice',
				default: '',
			},
			resourceProperty(['bot', 'vote']),
			operationProperty('bot', [
				postStatsOperation(apiList, "Update the server count on the bot's Discord Bot List page", {
					method: 'POST',
					url: `${BOT_PATH}/stats`,
				}),
			]),
			operationProperty('vote', [
				{
					name: 'Get',
					value: 'get',
					action: 'Check a vote',
					description:
						'Whether a user is among the votes of the last 12 hours Discord Bot List lists',
					routing: {
						send: {
							preSend: [
								snowflakeParameter('botId', 'Bot ID'),
								snowflakeParameter('userId', 'User ID'),
							],
						},
						request: { method: 'GET', url: `${BOT_PATH}/upvotes` },
						output: { postReceive: [voteStatus] },
					},
				},
				{
					name: 'Get Many',
					value: 'getMany',
					action: 'Get many votes',
					description: 'The votes of the last 12 hours, the most recent 500 at most',
					routing: {
						send: { preSend: [snowflakeParameter('botId', 'Bot ID')] },
						request: { method: 'GET', url: `${BOT_PATH}/upvotes` },
						output: { postReceive: [listedVotes] },
					},
				},
			]),
			...botIdProperty([
				['bot', 'postStats'],
				['vote', 'get'],
				['vote', 'getMany'],
			]),
			...postStatsProperties('body', {
				serverCount: 'guilds',
				shardId: 'shard_id',
				userCount: 'users',
				voiceConnections: 'voice_connections',
			}),
			userIdProperty("The voter's Discord user ID"),
			...returnAllLimitProperties(MAX_UPVOTES),
		],
	};
}
