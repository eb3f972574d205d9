import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { MetadataScanner, ModulesContainer, Reflector } from '@nestjs/core';
import { PUBLIC_KEY, ROLES_KEY } from '../../src/auth/auth.decorators';
import type { Role } from '../../src/auth/users/user.entity';
import type { TestApp } from './test-app';

export interface Route {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
  isPublic: boolean;
  roles?: Role[];
}

const METHODS: Partial<Record<RequestMethod, Route['method']>> = {
  [RequestMethod.GET]: 'get',
  [RequestMethod.POST]: 'post',
  [RequestMethod.PUT]: 'put',
  [RequestMethod.PATCH]: 'patch',
  [RequestMethod.DELETE]: 'delete',
};

/** Every route of the app with its access rule, read from the controllers' own metadata. */
export function routesOf(t: TestApp): Route[] {
  const reflector = t.app.get(Reflector);
  const scanner = new MetadataScanner();
  const routes: Route[] = [];
  const modules = [...t.app.get(ModulesContainer).values()];
  for (const wrapper of modules.flatMap((m) => [...m.controllers.values()])) {
    const type = wrapper.metatype as (new (...args: never[]) => object) | undefined;
    if (!type || !wrapper.instance) continue;
    const prefix = String(Reflect.getMetadata(PATH_METADATA, type) ?? '');
    const prototype = Object.getPrototypeOf(wrapper.instance) as Record<string, unknown>;
    for (const name of scanner.getAllMethodNames(prototype)) {
      const handler = prototype[name] as (...args: unknown[]) => unknown;
      const method = METHODS[Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod];
      const path = Reflect.getMetadata(PATH_METADATA, handler) as string | undefined;
      if (!method || path === undefined) continue;
      const targets = [handler, type];
      routes.push({
        method,
        path: `/${[prefix, path].filter((p) => p && p !== '/').join('/')}`.replace(/\/+/g, '/'),
        isPublic: reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets) ?? false,
        roles: reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets),
      });
    }
  }
  return routes;
}
