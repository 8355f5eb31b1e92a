import type { Icon, ICredentialType, INodeProperties } from 'n8n-workflow';

export class VoidBotsWebhookApi implements ICredentialType {
	name = 'voidBotsWebhookApi';

	displayName = 'Void Bots Webhook API';

	icon: Icon = {
		light: 'file:../nodes/VoidBots/voidbots.svg',
		dark: 'file:../nodes/VoidBots/voidbots.dark.svg',
	};

	documentationUrl = 'https://github.com/botlists/n8n-nodes-botlists#void-bots';

	properties: INodeProperties[] = [
		{
			displayName: 'Webhook Secret',
			name: 'webhookSecret',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description:
				"The webhook secret (auth) you set in your bot's webhook settings on voidbots.net. Void Bots sends it in the Authorization header.",
		},
	];
}
