import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

export class DiffcordApi implements ICredentialType {
	name = 'diffcordApi';

	displayName = 'Diffcord API';

	icon: Icon = {
		light: 'file:../nodes/Diffcord/diffcord.svg',
		dark: 'file:../nodes/Diffcord/diffcord.dark.svg',
	};

	documentationUrl = 'https://github.com/botlists/n8n-nodes-botlists#diffcord-api';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description:
				"The API key from your bot's Dashboard → API page on Diffcord (not the webhook verification code)",
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://www.diffcord.com/api/v1',
			description: "Diffcord's v1 API. Change it only to reach a stand-in or a proxy of the API.",
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: { headers: { 'x-api-key': '={{$credentials.apiKey}}' } },
	};

	// The bot's monthly vote count: a read that needs the key (the Python SDK checks its token with it too).
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '/votes',
		},
	};
}
