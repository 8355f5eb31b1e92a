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
import { apiList, nextVotersPage, voteStatus } from './api';

const BOT = '{{encodeURIComponent($parameter.botId.trim())}}';
const USER = '{{encodeURIComponent($parameter.userId.trim())}}';

export class InfinityBotList implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Omniplex (Infinity Bot List)',
		name: 'infinityBotList',
		icon: { light: 'file:infinitybotlist.svg', dark: 'file:infinitybotlist.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			"Post your bot's server count to Omniplex (formerly Infinity Bot List) and check its votes",
		defaults: { name: 'Omniplex (Infinity Bot List)' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'infinityBotListApi', required: true }],
		requestDefaults: apiRequestDefaults,
		properties: [
			{
				displayName:
					"Omniplex lists the users who have voted, without their times: Vote > Get Many gives each voter once, and Vote > Get gives one user's latest vote with its time",
				name: 'notice',
				type: 'notice',
				default: '',
			},
			resourceProperty(['bot', 'vote']),
			operationProperty('bot', [
				postStatsOperation(
					apiList,
					"Update the server count on the bot's Omniplex page (a count of 0 keeps the last one posted)",
					{ method: 'POST', url: '/bots/stats' },
				),
			]),
			operationProperty('vote', [
				{
					name: 'Get',
					value: 'get',
					action: 'Check a vote',
					description: 'Whether a user has voted for your bot within its vote time',
					routing: {
						send: {
							preSend: [
								snowflakeParameter('botId', 'Bot ID'),
								snowflakeParameter('userId', 'User ID'),
							],
						},
						request: { method: 'GET', url: `=/users/${USER}/bots/${BOT}/votes` },
						output: { postReceive: [voteStatus] },
					},
				},
				{
					name: 'Get Many',
					value: 'getMany',
					action: 'Get many votes',
					description: 'The users who have voted for your bot, each once',
					routing: {
						send: { preSend: [snowflakeParameter('botId', 'Bot ID')], paginate: true },
						request: { method: 'GET', url: `=/bots/${BOT}/votes/user-list` },
						operations: { pagination: nextVotersPage },
					},
				},
			]),
			...botIdProperty([
				['vote', 'get'],
				['vote', 'getMany'],
			]),
			...postStatsProperties('body', {
				serverCount: 'servers',
				shardCount: 'shards',
				userCount: 'users',
			}),
			userIdProperty("The voter's Discord user ID"),
			...returnAllLimitProperties(),
		],
	};
}
