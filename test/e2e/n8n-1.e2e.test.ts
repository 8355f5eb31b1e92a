import { describeRealN8n } from './realN8n';

describeRealN8n('1.123.81');
