import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

export class InfinityBotListApi implements ICredentialType {
	name = 'infinityBotListApi';

	displayName = 'Omniplex (Infinity Bot List) API';

	icon: Icon = {
		light: 'file:../nodes/InfinityBotList/infinitybotlist.svg',
		dark: 'file:../nodes/InfinityBotList/infinitybotlist.dark.svg',
	};

	documentationUrl =
		'https://github.com/botlists/n8n-nodes-botlists#omniplex-infinity-bot-list-api';

	properties: INodeProperties[] = [
		{
			displayName: 'API Token',
			name: 'token',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description:
				"Your bot's API token from its settings on omniplex.gg (formerly infinitybots.gg), not the webhook secret",
		},
		{
			displayName: 'Bot ID',
			name: 'botId',
			type: 'string',
			required: true,
			default: '',
			placeholder: '123456789012345678',
			description:
				"Your bot's Discord ID, used only to test this credential (the test reads the bot's webhook list, which needs the token)",
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://spider.omniplex.gg',
			description:
				"Omniplex's API (Popplio), formerly spider.infinitybots.gg. Change it only to reach a stand-in or a proxy of the API.",
		},
	];

	/** Popplio's docs name the `Bot ` prefix; a token pasted with it is sent once, not twice. */
	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization: '=Bot {{String($credentials.token).trim().replace(/^bot\\s+/i, "")}}',
			},
		},
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '=/bots/{{encodeURIComponent(String($credentials.botId).trim())}}/webhooks',
		},
	};
}
