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
import { discords } from './platform';

export class DiscordsTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Discords Trigger',
		name: 'discordsTrigger',
		icon: { light: 'file:discords.svg', dark: 'file:discords.dark.svg' },
		group: ['trigger'],
		// 1.1 behaves as 1; n8n evaluates an expression per request for version 1 of any webhook node (see BENCHMARKS.md).
		// 2 moves the event filter from the options to Trigger On; saved workflows keep the version they hold.
		version: [1, 1.1, 2],
		defaultVersion: 2,
		subtitle: eventSubtitle(discords),
		description:
			'Starts the workflow when someone votes for or reviews your bot on Discords (discords.com)',
		defaults: { name: 'Discords Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{ name: 'discordsWebhookApi', required: true, testedBy: 'discordsWebhookApiTest' },
		],
		webhooks: deliveryWebhook,
		triggerPanel: triggerPanel('Discords'),
		properties: [
			setupNotice(
				"On discords.com, open your bot's dashboard, then its webhook settings: paste this node's Production URL as the webhook URL and put the authorization you set there in the Discords credential. Discords sends votes, premium votes and reviews to the same URL.",
			),
			...triggerOn(discords),
			triggerOptions(discords),
		],
	};

	webhookMethods = { default: pastedUrlWebhookMethods };

	methods = { credentialTest: { discordsWebhookApiTest: credentialTestFor(discords) } };

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await handleDelivery.call(this, discords);
	}
}
