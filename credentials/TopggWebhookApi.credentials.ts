import type { Icon, ICredentialType, INodeProperties } from 'n8n-workflow';

export class TopggWebhookApi implements ICredentialType {
	name = 'topggWebhookApi';

	displayName = 'Top.gg Webhook API';

	icon: Icon = {
		light: 'file:../nodes/Topgg/topgg.svg',
		dark: 'file:../nodes/Topgg/topgg.dark.svg',
	};

	documentationUrl = 'https://github.com/botlists/n8n-nodes-botlists#topgg';

	properties: INodeProperties[] = [
		{
			displayName: 'Webhook Secret',
			name: 'webhookSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			placeholder: 'whs_...',
			description:
				"The webhook secret shown on your project's Webhooks page on top.gg (starts with whs_). Deliveries are signed with it (x-topgg-signature).",
		},
		// eslint-disable-next-line @n8n/community-nodes/credential-unnecessary-password -- a shared secret: the contract types every secret field as password
		{
			displayName: 'Legacy Authorization',
			name: 'authorization',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'For legacy (v0) webhooks only: the Authorization value you typed in the webhook settings. Keep both fields set while moving a project from legacy to signed webhooks.',
		},
	];
}
