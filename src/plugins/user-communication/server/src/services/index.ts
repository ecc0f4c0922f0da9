import clock from './clock';
import settings from './settings';
import userState from './user-state';

const services = {
  clock,
  settings,
  'user-state': userState,
};

export type Services = typeof services;
export default services;
