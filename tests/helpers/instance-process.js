'use strict';

// A second Strapi instance of the app in its own process, on the database and SMTP server
// named by the inherited environment: what a second container behind a load balancer is.
// Driven over IPC by tests/helpers/instances.ts.
const crypto = require('node:crypto');
const path = require('node:path');
const { createStrapi } = require('@strapi/strapi');

const appDir = path.resolve(__dirname, '..', '..');

(async () => {
  const strapi = await createStrapi({ appDir, distDir: path.join(appDir, 'dist') }).load();
  if (process.env.BENCH_NAIVE_FORGOT_PASSWORD === 'true') {
    // The naive way beside the plugin's in bench/load.ts, as stock users-permissions does it:
    // look the user up, store a reset token, send the e-mail, and only then answer.
    strapi.server.use(async (ctx, next) => {
      if (ctx.method !== 'POST' || ctx.path !== '/naive/forgot-password') return next();
      const { email } = ctx.request.body;
      const users = strapi.db.query('plugin::users-permissions.user');
      const user = await users.findOne({ where: { email } });
      if (user) {
        const resetPasswordToken = crypto.randomBytes(64).toString('hex');
        await users.update({ where: { id: user.id }, data: { resetPasswordToken } });
        await strapi
          .plugin('email')
          .service('email')
          .send({ to: email, subject: 'Reset password', text: resetPasswordToken });
      }
      ctx.body = { ok: true };
    });
  }
  // INSTANCE_LISTEN: serve HTTP on PORT too, as a container behind the load balancer does.
  // strapi.server.listen, not strapi.listen: the same server without the startup banner.
  if (process.env.INSTANCE_LISTEN === 'true') {
    const { host, port } = strapi.config.get('server');
    await new Promise((resolve) => strapi.server.listen(port, host, resolve));
  }
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
