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
import { rankly } from './platform';

export class RanklyTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Rankly Trigger',
		name: 'ranklyTrigger',
		icon: { light: 'file:rankly.svg', dark: 'file:rankly.dark.svg' },
		group: ['trigger'],
		// 1.1 behaves as 1; n8n evaluates an expression per request for version 1 of any webhook node (see BENCHMARKS.md).
		// 2 moves the event filter from the options to Trigger On; saved workflows keep the version they hold.
		version: [1, 1.1, 2],
		defaultVersion: 2,
		subtitle: eventSubtitle(rankly),
		description:
			'Starts the workflow when someone votes for your bot or server on Rankly, or buys premium',
		defaults: { name: 'Rankly Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'ranklyWebhookApi', required: true, testedBy: 'ranklyWebhookApiTest' }],
		webhooks: deliveryWebhook,
		triggerPanel: triggerPanel('Rankly'),
		properties: [
			setupNotice(
				"In Rankly, paste this node's Production URL into Vote Webhooks (server settings), the bot's vote webhook, or the premium webhook. Copy the authorization value and the webhook secrets shown there into the Rankly credential.",
			),
			...triggerOn(rankly),
			triggerOptions(rankly),
		],
	};

	webhookMethods = { default: pastedUrlWebhookMethods };

	methods = { credentialTest: { ranklyWebhookApiTest: credentialTestFor(rankly) } };

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await handleDelivery.call(this, rankly);
	}
}
