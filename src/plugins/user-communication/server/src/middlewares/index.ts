import audit from './audit';
import rateLimit from './rate-limit';
import requestLog from './request-log';

export default { audit, 'rate-limit': rateLimit, 'request-log': requestLog };
