import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

export class DiscordPlaceApi implements ICredentialType {
	name = 'discordPlaceApi';

	displayName = 'DiscordPlace API';

	icon: Icon = {
		light: 'file:../nodes/DiscordPlace/discordplace.svg',
		dark: 'file:../nodes/DiscordPlace/discordplace.dark.svg',
	};

	documentationUrl = 'https://github.com/botlists/n8n-nodes-botlists#discordplace-api';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description:
				"The API key created on your bot's manage page on discord.place (not the webhook secret)",
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
			default: 'https://api.discord.place',
			description: "discord.place's API. Change it only to reach a stand-in or a proxy of the API.",
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: { headers: { Authorization: '={{$credentials.apiKey}}' } },
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '=/bots/{{encodeURIComponent(String($credentials.botId).trim())}}/voters/{{encodeURIComponent(String($credentials.botId).trim())}}',
		},
	};
}
