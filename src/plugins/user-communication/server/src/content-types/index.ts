import message from './message';
import setting from './settings';
import template from './template';

export default {
  setting,
  message,
  template,
};
