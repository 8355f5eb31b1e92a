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
import { discordForge } from './platform';

export class DiscordForgeTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'DiscordForge Trigger',
		name: 'discordForgeTrigger',
		icon: { light: 'file:discordforge.svg', dark: 'file:discordforge.dark.svg' },
		group: ['trigger'],
		// 1.1 behaves as 1; n8n evaluates an expression per request for version 1 of any webhook node (see BENCHMARKS.md).
		// 2 is the pack's version for new nodes; with one event kind this list has no event filter, so 2 behaves as 1.1.
		version: [1, 1.1, 2],
		defaultVersion: 2,
		subtitle: eventSubtitle(discordForge),
		description: 'Starts the workflow when someone votes for your bot on DiscordForge',
		defaults: { name: 'DiscordForge Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{ name: 'discordForgeWebhookApi', required: true, testedBy: 'discordForgeWebhookApiTest' },
		],
		webhooks: deliveryWebhook,
		triggerPanel: triggerPanel('DiscordForge'),
		properties: [
			setupNotice(
				"On discordforge.org, open your bot's settings, then its vote webhook: paste this node's Production URL as the webhook URL and put the webhook secret shown there in the DiscordForge credential. DiscordForge does not say which bot a vote is for: fill in Bot ID below to have it in every item.",
			),
			...triggerOn(discordForge),
			botIdParameter(discordForge),
			triggerOptions(discordForge),
		],
	};

	webhookMethods = { default: pastedUrlWebhookMethods };

	methods = { credentialTest: { discordForgeWebhookApiTest: credentialTestFor(discordForge) } };

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await handleDelivery.call(this, discordForge);
	}
}
