import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

export class VoidBotsApi implements ICredentialType {
	name = 'voidBotsApi';

	displayName = 'Void Bots API';

	icon: Icon = {
		light: 'file:../nodes/VoidBots/voidbots.svg',
		dark: 'file:../nodes/VoidBots/voidbots.dark.svg',
	};

	documentationUrl = 'https://github.com/botlists/n8n-nodes-botlists#void-bots-api';

	properties: INodeProperties[] = [
		{
			displayName: 'API Token',
			name: 'token',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description: 'The API token of your bot on voidbots.net (not the webhook secret)',
		},
		{
			displayName: 'Bot ID',
			name: 'botId',
			type: 'string',
			required: true,
			default: '',
			placeholder: '123456789012345678',
			description:
				"Your bot's Discord ID, used only to test this credential (the test asks whether the bot itself voted, a read that needs the token)",
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			// The official module Void-Bots/npm: `const baseURL = "https://api.voidbots.net"`.
			default: 'https://api.voidbots.net',
			description: "Void Bots' API. Change it only to reach a stand-in or a proxy of the API.",
		},
	];

	// The raw token, no scheme, as the official module Void-Bots/npm sends it (`Authorization: this.token`).
	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: { headers: { Authorization: '={{$credentials.token}}' } },
	};

	// Void Bots' only read endpoint is the has-voted check, which names a bot: no endpoint checks the token alone.
	// As discord.place's and DiscordForge's credentials do, the Test asks whether the bot itself voted for itself,
	// with the Bot ID the user gives here (`GET /bot/voted/<botId>/<botId>`).
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '=/bot/voted/{{encodeURIComponent(String($credentials.botId).trim())}}/{{encodeURIComponent(String($credentials.botId).trim())}}',
		},
	};
}
