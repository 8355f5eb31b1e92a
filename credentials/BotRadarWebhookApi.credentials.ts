import type { Icon, ICredentialType, INodeProperties } from 'n8n-workflow';

export class BotRadarWebhookApi implements ICredentialType {
	name = 'botRadarWebhookApi';

	displayName = 'BotRadar Webhook API';

	icon: Icon = {
		light: 'file:../nodes/BotRadar/botradar.svg',
		dark: 'file:../nodes/BotRadar/botradar.dark.svg',
	};

	documentationUrl = 'https://github.com/botlists/n8n-nodes-botlists#botradar';

	properties: INodeProperties[] = [
		{
			displayName: 'Webhook Secret',
			name: 'webhookSecret',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description:
				'The Authorization secret you set in Webhooks & API for your bot on botradar.gg. BotRadar sends it in the Authorization header.',
		},
	];
}
