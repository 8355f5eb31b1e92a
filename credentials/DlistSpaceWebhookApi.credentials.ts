import type { Icon, ICredentialType, INodeProperties } from 'n8n-workflow';

export class DlistSpaceWebhookApi implements ICredentialType {
	name = 'dlistSpaceWebhookApi';

	displayName = 'dlist.space Webhook API';

	icon: Icon = {
		light: 'file:../nodes/DlistSpace/dlistspace.svg',
		dark: 'file:../nodes/DlistSpace/dlistspace.dark.svg',
	};

	documentationUrl = 'https://github.com/botlists/n8n-nodes-botlists#dlistspace';

	properties: INodeProperties[] = [
		{
			displayName: 'Webhook Secret',
			name: 'webhookSecret',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description:
				"The webhook secret key from your bot's edit page on dlist.space. dlist.space sends it in the Authorization header.",
		},
	];
}
