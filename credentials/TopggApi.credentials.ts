import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

export class TopggApi implements ICredentialType {
	name = 'topggApi';

	displayName = 'Top.gg API';

	icon: Icon = {
		light: 'file:../nodes/Topgg/topgg.svg',
		dark: 'file:../nodes/Topgg/topgg.dark.svg',
	};

	documentationUrl = 'https://github.com/botlists/n8n-nodes-botlists#topgg-api';

	properties: INodeProperties[] = [
		{
			displayName: 'API Token',
			name: 'token',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description:
				"The v1 API token from your project's Integrations & API page on top.gg (not the webhook secret)",
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://top.gg/api/v1',
			description: "Top.gg's v1 API. Change it only to reach a stand-in or a proxy of the API.",
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: { headers: { Authorization: '=Bearer {{$credentials.token}}' } },
	};

	test: ICredentialTestRequest = {
		request: { baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}', url: '/projects/@me' },
	};
}
