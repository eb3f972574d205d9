import { type INestApplication, RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { ModulesContainer } from '@nestjs/core';
import type { OpenAPIObject, ParameterObject, SchemaObject } from '@nestjs/swagger';
import { getMetadataStorage } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';

type Class = new () => object;

/** class-validator's rule → the OpenAPI keyword it stands for, and the rule's argument. */
const KEYWORDS: Record<string, string> = {
  maxLength: 'maxLength',
  minLength: 'minLength',
  min: 'minimum',
  max: 'maximum',
  arrayMaxSize: 'maxItems',
  arrayMinSize: 'minItems',
};

/** The keywords a rule stands for: `@Length(3, 200)` → minLength 3, maxLength 200. */
function limitsOf(rule: ValidationMetadata): [string, number][] {
  const [first, second] = (rule.constraints ?? []) as unknown[];
  if (rule.name === 'isLength') {
    const limits: [string, number][] = [];
    if (typeof first === 'number' && first > 0) limits.push(['minLength', first]);
    if (typeof second === 'number') limits.push(['maxLength', second]);
    return limits;
  }
  const keyword = rule.name ? KEYWORDS[rule.name] : undefined;
  return keyword && typeof first === 'number' ? [[keyword, first]] : [];
}

/** Writes a rule's limits on a field's schema, or its items' for a rule on each item. */
function writeLimits(field: SchemaObject | undefined, rule: ValidationMetadata): void {
  if (!field || '$ref' in field) return;
  const target = rule.each ? field.items : field;
  if (!target || '$ref' in target) return;
  for (const [keyword, value] of limitsOf(rule))
    (target as Record<string, unknown>)[keyword] ??= value;
}

function rulesOf(type: Class): ValidationMetadata[] {
  return getMetadataStorage().getTargetValidationMetadatas(type, '', true, false);
}

export interface Route {
  path: string;
  method: string;
  query?: Class;
  bodyOrQuery: Class[];
}

/** Every route of the app with the DTO classes its body and query take. */
export function routesOf(app: INestApplication): Route[] {
  const routes: Route[] = [];
  for (const module of app.get(ModulesContainer).values()) {
    for (const { metatype } of module.controllers.values()) {
      if (!metatype) continue;
      const prefixes = [Reflect.getMetadata(PATH_METADATA, metatype) ?? ''].flat() as string[];
      const prototype = metatype.prototype as Record<string, unknown>;
      for (const name of Object.getOwnPropertyNames(prototype)) {
        const handler = prototype[name];
        if (name === 'constructor' || typeof handler !== 'function') continue;
        const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
        if (method === undefined) continue;
        const types = (Reflect.getMetadata('design:paramtypes', prototype, name) ?? []) as Class[];
        const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, metatype, name) ?? {}) as Record<
          string,
          { index: number; data?: unknown }
        >;
        const whole = (kind: RouteParamtypes) =>
          Object.entries(args)
            .filter(([key, arg]) => key.startsWith(`${kind}:`) && arg.data === undefined)
            .map(([, arg]) => types[arg.index])
            .filter((type) => typeof type === 'function' && rulesOf(type).length > 0);
        const query = whole(RouteParamtypes.QUERY)[0];
        for (const prefix of prefixes) {
          for (const path of [Reflect.getMetadata(PATH_METADATA, handler) ?? ''].flat()) {
            routes.push({
              path: `/${prefix}/${path as string}`
                .replace(/\/+/g, '/')
                .replace(/(.)\/$/, '$1')
                .replace(/:(\w+)/g, '{$1}'),
              method: RequestMethod[method].toLowerCase(),
              query,
              bodyOrQuery: [...whole(RouteParamtypes.BODY), ...(query ? [query] : [])],
            });
          }
        }
      }
    }
  }
  return routes;
}

/**
 * Writes into the OpenAPI document the limits the DTOs' validation rules enforce (`@MaxLength(200)`
 * → `maxLength: 200`, `@Length(1, 40, { each: true })` → the items' lengths), where the
 * `@ApiProperty` did not repeat them: on the body schemas (mapped types such as
 * `IntersectionType` included, their rules being inherited) and on the query parameters. The
 * document then says what the API refuses, from the rules themselves rather than from a second
 * copy kept by hand.
 */
export function addValidationLimits(document: OpenAPIObject, app: INestApplication): void {
  const schemas = document.components?.schemas ?? {};
  const routes = routesOf(app);
  // class-validator lists the classes it holds rules for only in this map (no public getter);
  // a DTO made by a mapped type holds none of its own, so the routes' DTOs are added.
  const classes = new Set<Class>([
    ...(
      getMetadataStorage() as unknown as { validationMetadatas: Map<Class, unknown> }
    ).validationMetadatas.keys(),
    ...routes.flatMap((route) => route.bodyOrQuery),
  ]);
  for (const type of classes) {
    const schema = schemas[type.name] as SchemaObject | undefined;
    if (!schema?.properties) continue;
    for (const rule of rulesOf(type))
      writeLimits(schema.properties[rule.propertyName] as SchemaObject | undefined, rule);
  }
  for (const route of routes) {
    const operation = document.paths[route.path]?.[route.method as 'get'];
    if (!route.query || !operation) continue;
    const parameters = (operation.parameters ?? []) as ParameterObject[];
    for (const rule of rulesOf(route.query)) {
      const parameter = parameters.find((p) => p.in === 'query' && p.name === rule.propertyName);
      writeLimits(parameter?.schema as SchemaObject | undefined, rule);
    }
  }
}
