import type { Icon, ICredentialType, INodeProperties } from 'n8n-workflow';

export class DiscollabWebhookApi implements ICredentialType {
	name = 'discollabWebhookApi';

	displayName = 'Discollab Webhook API';

	icon: Icon = {
		light: 'file:../nodes/Discollab/discollab.svg',
		dark: 'file:../nodes/Discollab/discollab.dark.svg',
	};

	documentationUrl = 'https://github.com/botlists/n8n-nodes-botlists#discollab';

	properties: INodeProperties[] = [
		{
			displayName: 'Token',
			name: 'token',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description:
				'The token you entered next to the endpoint URL in the Discollab dashboard. Discollab sends it in the Authorization header, bare or as Bearer token.',
		},
	];
}
