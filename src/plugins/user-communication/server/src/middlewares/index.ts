import audit from './audit';
import rateLimit from './rate-limit';
import scim from './scim';

export default { audit, 'rate-limit': rateLimit, scim };
