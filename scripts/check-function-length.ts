/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, no-console -- a development tool run by Node, never loaded by n8n: n8n's rules for the code it loads (no Node built-ins, globals or console) do not apply */
/*
 * `npm run check:functions`: the repository's rule that no function is over 60 lines.
 *
 * Every function-like node (function declarations and expressions, arrow functions, methods, accessors,
 * constructors) in the .ts files under nodes/, credentials/, scripts/, bench/ and test/ is measured by the lines
 * it spans, from its first token to its last (leading comments not counted). Two kinds are exempt, because their
 * length is a list of cases rather than logic: callbacks passed directly to jest's describe/it/test and its hooks
 * (functions nested in them are still measured), and anything inside a class's `description` property, the node's
 * declarative INodeTypeDescription.
 *
 * Prints `path:line name lines` per offender and exits 1 if there is any.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import * as ts from 'typescript';

const MAX_LINES = 60;
const ROOT = join(__dirname, '..');
const DIRS = ['nodes', 'credentials', 'scripts', 'bench', 'test'];
const JEST_CALLS = new Set([
	'describe',
	'it',
	'test',
	'beforeAll',
	'afterAll',
	'beforeEach',
	'afterEach',
]);

export interface Offender {
	path: string;
	line: number;
	name: string;
	lines: number;
}

function tsFilesUnder(dir: string): string[] {
	let entries;
	try {
		entries = readdirSync(dir, { withFileTypes: true });
	} catch {
		return []; // a folder the repository does not have (yet)
	}
	return entries.flatMap((entry) => {
		const path = join(dir, entry.name);
		if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : tsFilesUnder(path);
		return entry.isFile() && entry.name.endsWith('.ts') ? [path] : [];
	});
}

/** The identifier a call starts from: `it` for `it(...)`, `it.only(...)` and `it.each(table)(...)`. */
function calleeRoot(expression: ts.Expression): string | undefined {
	if (ts.isIdentifier(expression)) return expression.text;
	if (ts.isPropertyAccessExpression(expression)) return calleeRoot(expression.expression);
	if (ts.isCallExpression(expression)) return calleeRoot(expression.expression);
	if (ts.isTaggedTemplateExpression(expression)) return calleeRoot(expression.tag);
	return undefined;
}

function isJestCallback(node: ts.Node): boolean {
	const parent = node.parent;
	return (
		ts.isCallExpression(parent) &&
		parent.arguments.includes(node as ts.Expression) &&
		JEST_CALLS.has(calleeRoot(parent.expression) ?? '')
	);
}

function isNodeDescription(node: ts.Node): boolean {
	return (
		ts.isPropertyDeclaration(node) &&
		ts.isIdentifier(node.name) &&
		node.name.text === 'description' &&
		(ts.isClassDeclaration(node.parent) || ts.isClassExpression(node.parent))
	);
}

type FunctionLike =
	| ts.FunctionDeclaration
	| ts.FunctionExpression
	| ts.ArrowFunction
	| ts.MethodDeclaration
	| ts.GetAccessorDeclaration
	| ts.SetAccessorDeclaration
	| ts.ConstructorDeclaration;

function isMeasured(node: ts.Node): node is FunctionLike {
	return (
		ts.isFunctionDeclaration(node) ||
		ts.isFunctionExpression(node) ||
		ts.isArrowFunction(node) ||
		ts.isMethodDeclaration(node) ||
		ts.isGetAccessorDeclaration(node) ||
		ts.isSetAccessorDeclaration(node) ||
		ts.isConstructorDeclaration(node)
	);
}

/** A name a reader can search for: the function's own, else the variable, property or call it is given to. */
function nameOf(node: FunctionLike, sourceFile: ts.SourceFile): string {
	if (ts.isConstructorDeclaration(node)) return 'constructor';
	if (node.name) return node.name.getText(sourceFile);
	const parent = node.parent;
	if (ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent)) {
		return parent.name.getText(sourceFile);
	}
	if (ts.isPropertyDeclaration(parent)) return parent.name.getText(sourceFile);
	if (ts.isCallExpression(parent)) {
		return `${parent.expression.getText(sourceFile).split('\n')[0]}(callback)`;
	}
	return '<anonymous>';
}

function lineOf(sourceFile: ts.SourceFile, position: number): number {
	return sourceFile.getLineAndCharacterOfPosition(position).line + 1;
}

export function offendersIn(path: string, text: string, maxLines = MAX_LINES): Offender[] {
	const sourceFile = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true);
	const offenders: Offender[] = [];
	const visit = (node: ts.Node): void => {
		if (isNodeDescription(node)) return;
		if (isMeasured(node) && !isJestCallback(node)) {
			const line = lineOf(sourceFile, node.getStart(sourceFile));
			const lines = lineOf(sourceFile, node.getEnd()) - line + 1;
			if (lines > maxLines) offenders.push({ path, line, name: nameOf(node, sourceFile), lines });
		}
		ts.forEachChild(node, visit);
	};
	visit(sourceFile);
	return offenders;
}

function main(): void {
	const offenders = DIRS.flatMap((dir) => tsFilesUnder(join(ROOT, dir))).flatMap((file) =>
		offendersIn(relative(ROOT, file), readFileSync(file, 'utf8')),
	);
	for (const { path, line, name, lines } of offenders)
		console.log(`${path}:${line} ${name} ${lines}`);
	if (offenders.length > 0) {
		console.log(`${offenders.length} function(s) over ${MAX_LINES} lines`);
		process.exit(1);
	}
}

if (require.main === module) main();
