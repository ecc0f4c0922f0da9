import activation from './activation';
import messages from './messages';
import pages from './pages';
import reminders from './reminders';
import settings from './settings';
import templates from './templates';

export default {
  settings,
  templates,
  messages,
  activation,
  pages,
  reminders,
};
