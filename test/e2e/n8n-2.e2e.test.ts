import { describeRealN8n } from './realN8n';

describeRealN8n('2.41.0');
