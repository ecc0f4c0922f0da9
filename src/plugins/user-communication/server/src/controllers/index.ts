import messages from './messages';
import settings from './settings';
import templates from './templates';

export default {
  settings,
  templates,
  messages,
};
