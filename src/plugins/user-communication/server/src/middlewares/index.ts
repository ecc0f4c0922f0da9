import audit from './audit';
import rateLimit from './rate-limit';

export default { audit, 'rate-limit': rateLimit };
