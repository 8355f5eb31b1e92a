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

const BOT_ID = '{{encodeURIComponent($parameter.botId.trim())}}';

/**
 * Void Bots' API as its official module (Void-Bots/npm) calls it: `POST /bot/stats/:botId` with
 * `{server_count, shard_count}` (dbots.js agrees) and `GET /bot/voted/:botId/:userId`, both with the raw token in
 * `Authorization`. Void Bots has no vote list: no Get Many.
 */
export class VoidBots implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Void Bots',
		name: 'voidBots',
		icon: { light: 'file:voidbots.svg', dark: 'file:voidbots.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: "Post your bot's server count to Void Bots and check its votes",
		defaults: { name: 'Void Bots' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'voidBotsApi', required: true }],
		requestDefaults: apiRequestDefaults,
		properties: [
			resourceProperty(['bot', 'vote']),
			operationProperty('bot', [
				// The answer body is not documented: any 2xx body is kept in `raw`.
				postStatsOperation(apiList, "Update the server count on the bot's Void Bots page", {
					method: 'POST',
					url: `=/bot/stats/${BOT_ID}`,
				}),
			]),
			operationProperty('vote', [
				{
					name: 'Get',
					value: 'get',
					action: 'Check a vote',
					description: 'Whether a user has voted for your bot in the last 12 hours',
					routing: {
						send: {
							preSend: [
								snowflakeParameter('botId', 'Bot ID'),
								snowflakeParameter('userId', 'User ID'),
							],
						},
						request: {
							method: 'GET',
							url: `=/bot/voted/${BOT_ID}/{{encodeURIComponent($parameter.userId.trim())}}`,
						},
						output: { postReceive: [voteStatus] },
					},
				},
			]),
			...botIdProperty([
				['bot', 'postStats'],
				['vote', 'get'],
			]),
			...postStatsProperties('body', { serverCount: 'server_count', shardCount: 'shard_count' }),
			userIdProperty("The voter's Discord user ID"),
		],
	};
}
