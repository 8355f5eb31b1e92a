import '../shared/supportedN8n';
import type { INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import {
	apiRequestDefaults,
	operationProperty,
	resourceProperty,
	snowflakeParameter,
	userIdProperty,
} from '../shared/api/description';
import { voteStatus } from './api';

export class Rankly implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Rankly',
		name: 'rankly',
		icon: { light: 'file:rankly.svg', dark: 'file:rankly.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Check whether a user has voted on Rankly',
		defaults: { name: 'Rankly' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'ranklyApi', required: true }],
		requestDefaults: apiRequestDefaults,
		properties: [
			{
				displayName:
					"Rankly's API is read-only (no stats posting) and allows 120 requests a minute. It tells only whether the user can vote now; Voted is the opposite of that.",
				name: 'notice',
				type: 'notice',
				default: '',
			},
			resourceProperty(['vote']),
			operationProperty('vote', [
				{
					name: 'Get',
					value: 'get',
					action: 'Check a vote',
					description:
						'Whether a user has voted recently (Rankly says whether they can vote again; voted is the opposite)',
					routing: {
						send: { preSend: [snowflakeParameter('userId', 'User ID')] },
						request: {
							method: 'GET',
							url: '=/votes/{{encodeURIComponent($parameter.userId.trim())}}',
						},
						output: { postReceive: [voteStatus] },
					},
				},
			]),
			userIdProperty("The voter's Discord user ID"),
		],
	};
}
