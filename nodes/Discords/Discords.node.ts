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
			resourceProperty(['bot', 'vote']),
			operationProperty('bot', [
				postStatsOperation(apiList, "Update the server count on the bot's Discords page", {
					method: 'POST',
					url: `${BOT_PATH}/setservers`,
				}),
			]),
			operationProperty('vote', [
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
			]),
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
