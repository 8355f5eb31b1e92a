import '../shared/supportedN8n';
import type { INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import {
	apiRequestDefaults,
	botIdProperty,
	postStatsProperties,
	returnAllLimitProperties,
	snowflakeParameter,
	userIdProperty,
} from '../shared/api/description';
import { posted, listedVotes, voteStatus } from './api';

const BOT_PATH = '=/bot/{{encodeURIComponent($parameter.botId.trim())}}';

export class Discords implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Discords',
		name: 'discords',
		icon: { light: 'file:discords.svg', dark: 'file:discords.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: "Post your bot's server count to Discords and check its votes",
		defaults: { name: 'Discords' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'discordsApi', required: true }],
		requestDefaults: apiRequestDefaults,
		properties: [
			{
				displayName:
					'Discords lists votes without their times: Vote > Get tells whether a user is among the listed votes, and the times stay empty',
				name: 'notice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Bot', value: 'bot' },
					{ name: 'Vote', value: 'vote' },
				],
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
						description: "Update the server count on the bot's Discords page",
						routing: {
							send: { preSend: [snowflakeParameter('botId', 'Bot ID')] },
							request: { method: 'POST', url: `${BOT_PATH}/setservers` },
							output: { postReceive: [posted] },
						},
					},
				],
				default: 'postStats',
			},
			{
				displayName: 'Operation',
				name: 'operation',
				type: 'options',
				noDataExpression: true,
				displayOptions: { show: { resource: ['vote'] } },
				options: [
					{
						name: 'Get',
						value: 'get',
						action: 'Check a vote',
						description: 'Whether a user is among the votes Discords lists for your bot',
						routing: {
							send: {
								preSend: [
									snowflakeParameter('botId', 'Bot ID'),
									snowflakeParameter('userId', 'User ID'),
								],
							},
							request: { method: 'GET', url: `${BOT_PATH}/getvotes` },
							output: { postReceive: [voteStatus] },
						},
					},
					{
						name: 'Get Many',
						value: 'getMany',
						action: 'Get many votes',
						description: 'The votes Discords lists for your bot',
						routing: {
							send: { preSend: [snowflakeParameter('botId', 'Bot ID')] },
							request: { method: 'GET', url: `${BOT_PATH}/getvotes` },
							output: { postReceive: [listedVotes] },
						},
					},
				],
				default: 'get',
			},
			...botIdProperty([
				['bot', 'postStats'],
				['vote', 'get'],
				['vote', 'getMany'],
			]),
			...postStatsProperties('body', { serverCount: 'server_count' }),
			userIdProperty("The voter's Discord user ID"),
			...returnAllLimitProperties(),
		],
	};
}
