import type { Icon, ICredentialType, INodeProperties } from 'n8n-workflow';

export class DiscordPlaceWebhookApi implements ICredentialType {
	name = 'discordPlaceWebhookApi';

	displayName = 'discord.place Webhook API';

	icon: Icon = {
		light: 'file:../nodes/DiscordPlace/discordplace.svg',
		dark: 'file:../nodes/DiscordPlace/discordplace.dark.svg',
	};

	documentationUrl = 'https://github.com/botlists/n8n-nodes-botlists#discordplace';

	properties: INodeProperties[] = [
		{
			displayName: 'Token',
			name: 'token',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description:
				"The token you set in your bot's or server's webhook settings on discord.place. discord.place sends it in the Authorization header, and sends none when no token is set.",
		},
	];
}
