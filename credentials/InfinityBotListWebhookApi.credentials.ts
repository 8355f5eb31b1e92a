import type { Icon, ICredentialType, INodeProperties } from 'n8n-workflow';

export class InfinityBotListWebhookApi implements ICredentialType {
	name = 'infinityBotListWebhookApi';

	displayName = 'Omniplex (Infinity Bot List) Webhook API';

	icon: Icon = {
		light: 'file:../nodes/InfinityBotList/infinitybotlist.svg',
		dark: 'file:../nodes/InfinityBotList/infinitybotlist.dark.svg',
	};

	documentationUrl = 'https://github.com/botlists/n8n-nodes-botlists#omniplex-infinity-bot-list';

	properties: INodeProperties[] = [
		{
			displayName: 'Webhook Secret',
			name: 'webhookSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				"The secret of the webhook in your bot's, server's or team's webhook settings on omniplex.gg (formerly infinitybots.gg). It signs (hmac-sha256), is sent as Authorization (simple-auth) or encrypts (splashtail) every delivery.",
		},
	];
}
