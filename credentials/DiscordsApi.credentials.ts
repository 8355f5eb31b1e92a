import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

export class DiscordsApi implements ICredentialType {
	name = 'discordsApi';

	displayName = 'Discords API';

	icon: Icon = {
		light: 'file:../nodes/Discords/discords.svg',
		dark: 'file:../nodes/Discords/discords.dark.svg',
	};

	documentationUrl = 'https://github.com/botlists/n8n-nodes-botlists#discords-api';

	properties: INodeProperties[] = [
		{
			displayName: 'API Token',
			name: 'token',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description:
				"The API token from your bot's edit page on discords.com (not the webhook secret)",
		},
		{
			displayName: 'Bot ID',
			name: 'botId',
			type: 'string',
			required: true,
			default: '',
			placeholder: '123456789012345678',
			description:
				"Your bot's Discord ID, used only to test this credential (Discords' token check reads the bot's votes)",
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://discords.com/bots/api',
			description: "Discords' bot API. Change it only to reach a stand-in or a proxy of the API.",
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: { headers: { Authorization: '={{$credentials.token}}' } },
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '=/bot/{{encodeURIComponent(String($credentials.botId).trim())}}/getvotes',
		},
	};
}
