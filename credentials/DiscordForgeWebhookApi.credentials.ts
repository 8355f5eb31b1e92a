import type { Icon, ICredentialType, INodeProperties } from 'n8n-workflow';

export class DiscordForgeWebhookApi implements ICredentialType {
	name = 'discordForgeWebhookApi';

	displayName = 'DiscordForge Webhook API';

	icon: Icon = {
		light: 'file:../nodes/DiscordForge/discordforge.svg',
		dark: 'file:../nodes/DiscordForge/discordforge.dark.svg',
	};

	documentationUrl = 'https://github.com/botlists/n8n-nodes-botlists#discordforge';

	properties: INodeProperties[] = [
		{
			displayName: 'Webhook Secret',
			name: 'webhookSecret',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description:
				"The webhook secret from your bot's vote webhook settings on discordforge.org. DiscordForge sends it in the Authorization header.",
		},
	];
}
