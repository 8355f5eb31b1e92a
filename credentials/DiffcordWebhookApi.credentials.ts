import type { Icon, ICredentialType, INodeProperties } from 'n8n-workflow';

export class DiffcordWebhookApi implements ICredentialType {
	name = 'diffcordWebhookApi';

	displayName = 'Diffcord Webhook API';

	icon: Icon = {
		light: 'file:../nodes/Diffcord/diffcord.svg',
		dark: 'file:../nodes/Diffcord/diffcord.dark.svg',
	};

	documentationUrl = 'https://github.com/botlists/n8n-nodes-botlists#diffcord';

	properties: INodeProperties[] = [
		// eslint-disable-next-line @n8n/community-nodes/credential-unnecessary-password -- a shared secret: the contract types every secret field as password
		{
			displayName: 'Verification Code',
			name: 'verificationCode',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description:
				"The authorization/verification code you typed in your bot's Diffcord dashboard (API section). Diffcord sends it in the Authorization header.",
		},
	];
}
