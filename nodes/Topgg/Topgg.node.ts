import '../shared/supportedN8n';
import type { INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import {
	apiRequestDefaults,
	operationProperty,
	postStatsOperation,
	postStatsProperties,
	resourceProperty,
	returnAllLimitProperties,
	snowflakeParameter,
	userIdProperty,
} from '../shared/api/description';
import { apiList, nextVotesPage, startDate, voteStatus } from './api';

export class Topgg implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Top.gg',
		name: 'topgg',
		icon: { light: 'file:topgg.svg', dark: 'file:topgg.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: "Post your bot's server count to Top.gg and check its votes",
		defaults: { name: 'Top.gg' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'topggApi', required: true }],
		requestDefaults: apiRequestDefaults,
		properties: [
			resourceProperty(['bot', 'vote']),
			operationProperty('bot', [
				postStatsOperation(apiList, "Update the server count on the bot's Top.gg page", {
					method: 'PATCH',
					url: '/projects/@me/metrics',
				}),
			]),
			operationProperty('vote', [
				{
					name: 'Get',
					value: 'get',
					action: 'Check a vote',
					description: 'Whether a user has a vote for your project that has not expired',
					routing: {
						send: { preSend: [snowflakeParameter('userId', 'User ID')] },
						request: {
							method: 'GET',
							url: '=/projects/@me/votes/{{encodeURIComponent($parameter.userId.trim())}}',
							qs: { source: 'discord' },
						},
						output: { postReceive: [voteStatus] },
					},
				},
				{
					name: 'Get Many',
					value: 'getMany',
					action: 'Get many votes',
					description: 'The votes for your project since a date, oldest first',
					routing: {
						send: { preSend: [startDate], paginate: true },
						request: { method: 'GET', url: '/projects/@me/votes' },
						operations: { pagination: nextVotesPage },
					},
				},
			]),
			...postStatsProperties('body', { serverCount: 'server_count', shardCount: 'shard_count' }),
			userIdProperty("The voter's Discord user ID"),
			{
				displayName: 'Since',
				name: 'since',
				type: 'dateTime',
				default: '',
				description:
					'The oldest votes to return: votes cast at or after this time, up to a year back. Empty: the last 24 hours.',
				displayOptions: { show: { resource: ['vote'], operation: ['getMany'] } },
			},
			...returnAllLimitProperties(),
		],
	};
}
