import type { Icon, ICredentialType, INodeProperties } from 'n8n-workflow';

export class BoticordWebhookApi implements ICredentialType {
	name = 'boticordWebhookApi';

	displayName = 'Boticord Webhook API';

	icon: Icon = {
		light: 'file:../nodes/Boticord/boticord.svg',
		dark: 'file:../nodes/Boticord/boticord.dark.svg',
	};

	documentationUrl = 'https://github.com/botlists/n8n-nodes-botlists#boticord';

	properties: INodeProperties[] = [
		// eslint-disable-next-line @n8n/community-nodes/credential-unnecessary-password -- a shared secret: the contract types every secret field as password
		{
			displayName: 'Hook Key',
			name: 'hookKey',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description:
				"The private key shown under the webhook link field on your bot's or server's Boticord edit page. Boticord sends it in the X-Hook-Key header.",
		},
	];
}
