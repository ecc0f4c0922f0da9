import audit from './audit';
import rateLimit from './rate-limit';
import requestLog from './request-log';
import scim from './scim';

export default { audit, 'rate-limit': rateLimit, 'request-log': requestLog, scim };
