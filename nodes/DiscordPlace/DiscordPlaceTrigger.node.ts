import '../shared/supportedN8n';
import type {
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import {
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
import { discordPlace } from './platform';

export class DiscordPlaceTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'discord.place Trigger',
		name: 'discordPlaceTrigger',
		icon: { light: 'file:discordplace.svg', dark: 'file:discordplace.dark.svg' },
		group: ['trigger'],
		// 1.1 behaves as 1; n8n evaluates an expression per request for version 1 of any webhook node (see BENCHMARKS.md).
		// 2 is the pack's version for new nodes; with one event kind this list has no event filter, so 2 behaves as 1.1.
		version: [1, 1.1, 2],
		defaultVersion: 2,
		subtitle: eventSubtitle(discordPlace),
		description: 'Starts the workflow when someone votes for your bot or server on discord.place',
		defaults: { name: 'discord.place Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{ name: 'discordPlaceWebhookApi', required: true, testedBy: 'discordPlaceWebhookApiTest' },
		],
		webhooks: deliveryWebhook,
		triggerPanel: triggerPanel('discord.place'),
		properties: [
			setupNotice(
				"On discord.place, open your bot's or server's dashboard, then its webhook settings: paste this node's Production URL as the webhook URL and set a token there (without one discord.place sends no Authorization header), then put the same token in the discord.place credential. discord.place waits 2 seconds for the answer and never retries a timeout.",
			),
			...triggerOn(discordPlace),
			triggerOptions(discordPlace),
		],
	};

	webhookMethods = { default: pastedUrlWebhookMethods };

	methods = { credentialTest: { discordPlaceWebhookApiTest: credentialTestFor(discordPlace) } };

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await handleDelivery.call(this, discordPlace);
	}
}
