import setting from './settings';

export default {
  setting,
};
