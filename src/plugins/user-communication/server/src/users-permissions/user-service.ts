import type { Core } from '@strapi/strapi';

interface UserService {
  edit(id: number, data: Record<string, unknown>): Promise<unknown>;
  validatePassword(password: string, hash: string): Promise<boolean>;
}

/**
 * users-permissions' user service: the only way the plugin writes a password, because it
 * hashes it (a Query Engine write would store it in clear).
 */
export const usersPermissionsUsers = (strapi: Core.Strapi): UserService =>
  strapi.plugin('users-permissions').service('user') as UserService;
