import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

export class DiscordForgeApi implements ICredentialType {
	name = 'discordForgeApi';

	displayName = 'DiscordForge API';

	icon: Icon = {
		light: 'file:../nodes/DiscordForge/discordforge.svg',
		dark: 'file:../nodes/DiscordForge/discordforge.dark.svg',
	};

	documentationUrl = 'https://github.com/botlists/n8n-nodes-botlists#discordforge-api';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description:
				'The API key from the API Access tab of your bot on the DiscordForge dashboard (not the webhook secret)',
		},
		{
			displayName: 'Bot ID',
			name: 'botId',
			type: 'string',
			required: true,
			default: '',
			placeholder: '123456789012345678',
			description:
				"Your bot's Discord ID, used only to test this credential (the test asks whether the bot itself voted, a read that needs the key)",
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://discordforge.org/api',
			description: "DiscordForge's API. Change it only to reach a stand-in or a proxy of the API.",
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: { headers: { Authorization: '={{$credentials.apiKey}}' } },
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '=/bots/{{encodeURIComponent(String($credentials.botId).trim())}}/votes/check?userId={{encodeURIComponent(String($credentials.botId).trim())}}',
		},
	};
}
