import type { INodeParameters } from 'n8n-workflow';
import type { WorkflowNode } from '../../scripts/lib/demo';

/** The version of n8n's Webhook node the editor puts on a new canvas in 2.41. */
const WEBHOOK_NODE_VERSION = 2.1;

/**
 * n8n's Webhook node listening for POST on its own id as path, as a benchmark workflow's first node; `parameters`
 * add to or replace the POST and path the editor fills in.
 */
export function webhookNode(
	id: string,
	webhookId: string,
	parameters: INodeParameters,
): WorkflowNode {
	return {
		id,
		name: 'Webhook',
		type: 'n8n-nodes-base.webhook',
		typeVersion: WEBHOOK_NODE_VERSION,
		position: [0, 0],
		webhookId,
		parameters: { httpMethod: 'POST', path: webhookId, ...parameters },
	};
}
