import type { Icon, ICredentialType, INodeProperties } from 'n8n-workflow';

export class BotHuntWebhookApi implements ICredentialType {
	name = 'botHuntWebhookApi';

	displayName = 'BotHunt Webhook API';

	icon: Icon = {
		light: 'file:../nodes/BotHunt/bothunt.svg',
		dark: 'file:../nodes/BotHunt/bothunt.dark.svg',
	};

	documentationUrl = 'https://github.com/botlists/n8n-nodes-botlists#bothunt';

	properties: INodeProperties[] = [
		{
			displayName: 'Token',
			name: 'token',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description:
				"The token generated in your bot's webhook settings on bothunt.co. BotHunt sends it in the Authorization header.",
		},
	];
}
