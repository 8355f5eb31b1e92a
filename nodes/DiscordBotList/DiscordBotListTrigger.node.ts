import '../shared/supportedN8n';
import type {
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import {
	botIdParameter,
	credentialTestFor,
	deliveryWebhook,
	eventSubtitle,
	pastedUrlWebhookMethods,
	setupNotice,
	triggerOn,
	triggerOptions,
	triggerPanel,
} from '../shared/description';
import { handleDelivery } from '../shared/pipeline';
import { discordBotList } from './platform';

export class DiscordBotListTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Discord Bot List Trigger',
		name: 'discordBotListTrigger',
		icon: { light: 'file:discordbotlist.svg', dark: 'file:discordbotlist.dark.svg' },
		group: ['trigger'],
		// 1.1 behaves as 1; n8n evaluates an expression per request for version 1 of any webhook node (see BENCHMARKS.md).
		// 2 is the pack's version for new nodes; with one event kind this list has no event filter, so 2 behaves as 1.1.
		version: [1, 1.1, 2],
		defaultVersion: 2,
		subtitle: eventSubtitle(discordBotList),
		description:
			'Starts the workflow when someone votes for your bot on Discord Bot List (discordbotlist.com)',
		defaults: { name: 'Discord Bot List Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'discordBotListWebhookApi',
				required: true,
				testedBy: 'discordBotListWebhookApiTest',
			},
		],
		webhooks: deliveryWebhook,
		triggerPanel: triggerPanel('Discord Bot List'),
		properties: [
			setupNotice(
				"On discordbotlist.com, open your bot's settings, then its vote webhook: paste this node's Production URL as the webhook URL and put the webhook secret you set there in the Discord Bot List credential. Discord Bot List does not say which bot a vote is for: fill in Bot ID below to have it in every item.",
			),
			...triggerOn(discordBotList),
			botIdParameter(discordBotList),
			triggerOptions(discordBotList),
		],
	};

	webhookMethods = { default: pastedUrlWebhookMethods };

	methods = { credentialTest: { discordBotListWebhookApiTest: credentialTestFor(discordBotList) } };

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await handleDelivery.call(this, discordBotList);
	}
}
