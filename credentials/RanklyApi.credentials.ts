import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

export class RanklyApi implements ICredentialType {
	name = 'ranklyApi';

	displayName = 'Rankly API';

	icon: Icon = {
		light: 'file:../nodes/Rankly/rankly.svg',
		dark: 'file:../nodes/Rankly/rankly.dark.svg',
	};

	documentationUrl = 'https://github.com/botlists/n8n-nodes-botlists#rankly-api';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description:
				"The API key from your bot's or server's API settings on rankly.live (not the webhook secret)",
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.rankly.live/api/v1',
			description: "Rankly's v1 API. Change it only to reach a stand-in or a proxy of the API.",
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: { headers: { 'X-API-Key': '={{$credentials.apiKey}}' } },
	};

	// The vote check is Rankly's only read endpoint and it needs the key; any well-formed user ID serves.
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '/votes/80351110224678912',
		},
	};
}
