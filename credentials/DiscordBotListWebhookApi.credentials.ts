import type { Icon, ICredentialType, INodeProperties } from 'n8n-workflow';

export class DiscordBotListWebhookApi implements ICredentialType {
	name = 'discordBotListWebhookApi';

	displayName = 'Discord Bot List Webhook API';

	icon: Icon = {
		light: 'file:../nodes/DiscordBotList/discordbotlist.svg',
		dark: 'file:../nodes/DiscordBotList/discordbotlist.dark.svg',
	};

	documentationUrl = 'https://github.com/botlists/n8n-nodes-botlists#discord-bot-list';

	properties: INodeProperties[] = [
		{
			displayName: 'Webhook Secret',
			name: 'webhookSecret',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description:
				"The webhook secret from your bot's vote webhook settings on discordbotlist.com. Discord Bot List sends it in the Authorization header.",
		},
	];
}
