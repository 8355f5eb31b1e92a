import { ExecuteContext, RoutingNode } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IDataObject,
	IHttpRequestOptions,
	INode,
	INodeExecutionData,
	INodeParameters,
	INodeType,
	INodeTypes,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';
import { NodeHelpers, Workflow, createRunExecutionData } from 'n8n-workflow';

/**
 * Runs an action node through n8n-core's own RoutingNode (the code that runs every declarative node in n8n), with
 * real HTTP to whatever the credential's base URL names. What n8n's server adds around it is the credential store
 * and CredentialsHelper.authenticate; `applyAuthenticate` does what the latter does for a `generic` credential,
 * and the real-n8n suite runs the same nodes through the real one.
 */

export interface ActionRun {
	/** The node's parameters as a user sets them; n8n fills in the defaults as it does when it saves a workflow. */
	parameters: INodeParameters;
	credentials: ICredentialDataDecryptedObject;
	continueOnFail?: boolean;
	/** Input items (one by default): the node runs its operation once per item. */
	items?: INodeExecutionData[];
}

/** The node as a saved workflow holds it: its latest version, the run's parameters with n8n's defaults filled in. */
function actionNode(nodeType: INodeType, credentialType: ICredentialType, run: ActionRun): INode {
	const description = nodeType.description;
	const version = Array.isArray(description.version)
		? Math.max(...description.version)
		: description.version;
	const node: INode = {
		id: 'action',
		name: description.defaults.name ?? description.displayName,
		type: `n8n-nodes-botlists.${description.name}`,
		typeVersion: version,
		position: [0, 0],
		parameters: {},
		credentials: { [credentialType.name]: { id: 'credential', name: 'Test credential' } },
		continueOnFail: run.continueOnFail ?? false,
	};
	// getNodeParameters reads the node (its version among others) to decide which defaults apply.
	node.parameters =
		NodeHelpers.getNodeParameters(
			description.properties,
			run.parameters,
			true,
			false,
			node,
			description,
		) ?? {};
	return node;
}

/** A workflow of the one node, every type name resolving to its type. */
function workflowOf(node: INode, nodeType: INodeType): Workflow {
	const nodeTypes: INodeTypes = {
		getByName: () => nodeType,
		getByNameAndVersion: () => nodeType,
		getKnownTypes: () => ({}),
	};
	return new Workflow({
		id: 'workflow',
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes,
		staticData: {},
		settings: {},
	});
}

/** What n8n's server hands an execution: the credential store, and URLs of a local instance. */
function additionalDataFor(
	workflow: Workflow,
	credentialType: ICredentialType,
	credentials: ICredentialDataDecryptedObject,
): IWorkflowExecuteAdditionalData {
	return {
		credentialsHelper: credentialsHelper(workflow, credentialType, credentials),
		executionId: 'execution',
		restApiUrl: 'http://localhost:5678/rest',
		instanceBaseUrl: 'http://localhost:5678/',
		webhookBaseUrl: 'http://localhost:5678/webhook',
		webhookWaitingBaseUrl: 'http://localhost:5678/webhook-waiting',
		formWaitingBaseUrl: 'http://localhost:5678/form-waiting',
		webhookTestBaseUrl: 'http://localhost:5678/webhook-test',
		variables: {},
	} as unknown as IWorkflowExecuteAdditionalData;
}

export async function runAction(
	nodeType: INodeType,
	credentialType: ICredentialType,
	run: ActionRun,
): Promise<INodeExecutionData[]> {
	const node = actionNode(nodeType, credentialType, run);
	const workflow = workflowOf(node, nodeType);
	const items = run.items ?? [{ json: {} }];
	const inputData = { main: [items] };
	const context = new ExecuteContext(
		workflow,
		node,
		additionalDataFor(workflow, credentialType, run.credentials),
		'manual',
		createRunExecutionData(),
		0,
		items,
		inputData,
		{ node, data: inputData, source: null },
		[],
	);
	const outputs = await new RoutingNode(context, nodeType).runNode();
	return outputs?.[0] ?? [];
}

function credentialsHelper(
	workflow: Workflow,
	credentialType: ICredentialType,
	data: ICredentialDataDecryptedObject,
) {
	return {
		getParentTypes: () => [],
		isCredentialUsableByNode: () => true,
		getDecrypted: async () => ({ ...data }),
		getCredentialsProperties: () => credentialType.properties,
		preAuthentication: async () => undefined,
		authenticate: async (
			credentials: ICredentialDataDecryptedObject,
			_type: string,
			options: IHttpRequestOptions,
		) => applyAuthenticate(workflow, credentialType, credentials, options),
	};
}

/** What n8n's CredentialsHelper.authenticate does for a `generic` credential: resolve each value, set it. */
export function applyAuthenticate(
	workflow: Workflow,
	credentialType: ICredentialType,
	credentials: ICredentialDataDecryptedObject,
	options: IHttpRequestOptions,
): IHttpRequestOptions {
	const authenticate = credentialType.authenticate;
	if (
		authenticate === undefined ||
		typeof authenticate === 'function' ||
		authenticate.type !== 'generic'
	)
		throw new Error(`${credentialType.name} has no generic authenticate`);
	const node = workflow.getNode('action') ?? Object.values(workflow.nodes)[0];
	for (const [place, values] of Object.entries(authenticate.properties)) {
		const target = ((options as unknown as Record<string, IDataObject>)[place] ??= {});
		for (const [key, value] of Object.entries(values as IDataObject)) {
			target[key] = workflow.expression.getSimpleParameterValue(
				node,
				value as string,
				'internal',
				{ $credentials: credentials },
				undefined,
				'',
			) as string;
		}
	}
	return options;
}
