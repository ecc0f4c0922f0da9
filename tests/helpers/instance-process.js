'use strict';

// A second Strapi instance of the app in its own process, on the database and SMTP server
// named by the inherited environment: what a second container behind a load balancer is.
// Driven over IPC by tests/helpers/instances.ts.
const path = require('node:path');
const { createStrapi } = require('@strapi/strapi');

const appDir = path.resolve(__dirname, '..', '..');

(async () => {
  const strapi = await createStrapi({ appDir, distDir: path.join(appDir, 'dist') }).load();
  process.on('message', async (message) => {
    if (message === 'stop') {
      await strapi.destroy();
      process.exit(0);
    }
    if (message && message.cmd === 'run-reminders') {
      const plugin = strapi.plugin('user-communication');
      plugin.service('clock').set(message.at);
      const outcome = await plugin.service('reminders').run('schedule');
      process.send({ cmd: 'run-reminders', outcome });
    }
  });
  process.send('ready');
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
