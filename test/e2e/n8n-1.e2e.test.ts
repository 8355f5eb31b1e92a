import { describeRealN8n } from './realN8n';

// The manual install README.md gives (the Community Nodes panel cannot install a package not on npm's registry).
describeRealN8n('1.123.81', 'as README.md says');
