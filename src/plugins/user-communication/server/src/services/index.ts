import clock from './clock';
import deliveryWorker from './delivery-worker';
import mailer from './mailer';
import messageLog from './message-log';
import outbox from './outbox';
import settings from './settings';
import templates from './templates';
import userState from './user-state';

const services = {
  clock,
  settings,
  'user-state': userState,
  outbox,
  'delivery-worker': deliveryWorker,
  templates,
  mailer,
  'message-log': messageLog,
};

export type Services = typeof services;
export default services;
