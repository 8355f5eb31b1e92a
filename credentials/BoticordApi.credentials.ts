import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

export class BoticordApi implements ICredentialType {
	name = 'boticordApi';

	displayName = 'Boticord API';

	icon: Icon = {
		light: 'file:../nodes/Boticord/boticord.svg',
		dark: 'file:../nodes/Boticord/boticord.dark.svg',
	};

	documentationUrl = 'https://github.com/botlists/n8n-nodes-botlists#boticord-api';

	properties: INodeProperties[] = [
		{
			displayName: 'API Token',
			name: 'token',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description:
				"The bot's API token from its settings page on boticord.top (not the webhook key)",
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.boticord.top/v3',
			description: "Boticord's v3 API. Change it only to reach a stand-in or a proxy of the API.",
		},
	];

	// Boticord reads the bare token, without a "Bearer" prefix (boticordpy http.py sends it so).
	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: { headers: { Authorization: '={{$credentials.token}}' } },
	};

	// boticordpy's get_search_key (GET /search-key) is the one read that belongs to the caller rather than a public
	// page, so it is the one that can refuse a bad token.
	test: ICredentialTestRequest = {
		request: { baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}', url: '/search-key' },
	};
}
