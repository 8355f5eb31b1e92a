import type { Icon, ICredentialType, INodeProperties } from 'n8n-workflow';

export class RanklyWebhookApi implements ICredentialType {
	name = 'ranklyWebhookApi';

	displayName = 'Rankly Webhook API';

	icon: Icon = {
		light: 'file:../nodes/Rankly/rankly.svg',
		dark: 'file:../nodes/Rankly/rankly.dark.svg',
	};

	documentationUrl = 'https://github.com/botlists/n8n-nodes-botlists#rankly';

	properties: INodeProperties[] = [
		// eslint-disable-next-line @n8n/community-nodes/credential-unnecessary-password -- a shared secret: the contract types every secret field as password
		{
			displayName: 'Server Vote Authorization',
			name: 'authorization',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				"The Authorization value you configured under Vote Webhooks in your server's Rankly settings. Used for server votes. With or without a leading 'Bearer '.",
		},
		{
			displayName: 'Bot Vote Secret',
			name: 'voteSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				"Your bot's vote webhook secret on Rankly (RANKLY_VOTE_WEBHOOK_SECRET). Bot votes are signed with it (HMAC-SHA256).",
		},
		{
			displayName: 'Premium Secret',
			name: 'premiumSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'The premium webhook secret on Rankly, separate from the vote secret. Premium purchases and subscription events are signed with it.',
		},
	];
}
