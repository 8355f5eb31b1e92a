import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

export class DiscordBotListApi implements ICredentialType {
	name = 'discordBotListApi';

	displayName = 'Discord Bot List API';

	icon: Icon = {
		light: 'file:../nodes/DiscordBotList/discordbotlist.svg',
		dark: 'file:../nodes/DiscordBotList/discordbotlist.dark.svg',
	};

	documentationUrl = 'https://github.com/botlists/n8n-nodes-botlists#discord-bot-list-api';

	properties: INodeProperties[] = [
		{
			displayName: 'API Token',
			name: 'token',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description:
				'The token from "Generate token" in the Admin section of your bot\'s page on discordbotlist.com (not the webhook secret, not the Discord bot token)',
		},
		{
			displayName: 'Bot ID',
			name: 'botId',
			type: 'string',
			required: true,
			default: '',
			placeholder: '123456789012345678',
			description:
				"Your bot's Discord ID, used only to test this credential (the test reads the bot's recent votes, a read that needs the token)",
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://discordbotlist.com/api/v1',
			description:
				"Discord Bot List's v1 API. Change it only to reach a stand-in or a proxy of the API.",
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: { headers: { Authorization: '={{$credentials.token}}' } },
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '=/bots/{{encodeURIComponent(String($credentials.botId).trim())}}/upvotes',
		},
	};
}
