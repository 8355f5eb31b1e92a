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
import { topgg } from './platform';

export class TopggTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Top.gg Trigger',
		name: 'topggTrigger',
		icon: { light: 'file:topgg.svg', dark: 'file:topgg.dark.svg' },
		group: ['trigger'],
		// 1.1 behaves as 1; n8n evaluates an expression per request for version 1 of any webhook node (see BENCHMARKS.md).
		// 2 moves the event filter from the options to Trigger On; saved workflows keep the version they hold.
		version: [1, 1.1, 2],
		defaultVersion: 2,
		subtitle: eventSubtitle(topgg),
		description: 'Starts the workflow when someone votes for your bot or server on Top.gg',
		defaults: { name: 'Top.gg Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'topggWebhookApi', required: true, testedBy: 'topggWebhookApiTest' }],
		webhooks: deliveryWebhook,
		triggerPanel: triggerPanel('Top.gg'),
		properties: [
			setupNotice(
				"On top.gg, open your bot's or server's dashboard, then Webhooks. Paste this node's Production URL as the webhook URL and copy the webhook secret (whs_...) into the Top.gg credential. Legacy webhooks instead send the Authorization value you typed there, from 159.203.105.187 (usable in Allowed IPs).",
			),
			...triggerOn(topgg),
			triggerOptions(topgg),
		],
	};

	webhookMethods = { default: pastedUrlWebhookMethods };

	methods = { credentialTest: { topggWebhookApiTest: credentialTestFor(topgg) } };

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await handleDelivery.call(this, topgg);
	}
}
