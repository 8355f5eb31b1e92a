import type { Icon, ICredentialType, INodeProperties } from 'n8n-workflow';

export class DiscordsWebhookApi implements ICredentialType {
	name = 'discordsWebhookApi';

	displayName = 'Discords Webhook API';

	icon: Icon = {
		light: 'file:../nodes/Discords/discords.svg',
		dark: 'file:../nodes/Discords/discords.dark.svg',
	};

	documentationUrl = 'https://github.com/botlists/n8n-nodes-botlists#discords';

	properties: INodeProperties[] = [
		// eslint-disable-next-line @n8n/community-nodes/credential-unnecessary-password -- a shared secret: the contract types every secret field as password
		{
			displayName: 'Authorization',
			name: 'authorization',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description:
				"The authorization you set in your bot's webhook settings on discords.com. Discords sends it in the Authorization header.",
		},
	];
}
