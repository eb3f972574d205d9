import type { OpenAPIObject, SchemaObject } from '@nestjs/swagger';
import { getMetadataStorage } from 'class-validator';

/** class-validator's rule → the OpenAPI keyword it stands for, and the rule's argument. */
const KEYWORDS: Record<string, string> = {
  maxLength: 'maxLength',
  minLength: 'minLength',
  min: 'minimum',
  max: 'maximum',
  arrayMaxSize: 'maxItems',
  arrayMinSize: 'minItems',
};

/**
 * Writes into the OpenAPI document the limits the DTOs' validation rules enforce (`@MaxLength(200)`
 * → `maxLength: 200`), where the `@ApiProperty` did not repeat them: the document then says what
 * the API refuses, from the rules themselves rather than from a second copy kept by hand.
 */
export function addValidationLimits(document: OpenAPIObject): void {
  const storage = getMetadataStorage();
  const schemas = document.components?.schemas ?? {};
  // class-validator lists the classes it holds rules for only in this map (no public getter).
  const classes = (storage as unknown as { validationMetadatas: Map<object, unknown> })
    .validationMetadatas;
  for (const target of classes.keys()) {
    const name = (target as { name?: string }).name;
    const schema = name ? (schemas[name] as SchemaObject | undefined) : undefined;
    if (!schema?.properties) continue;
    const rules = storage.getTargetValidationMetadatas(target as new () => object, '', true, false);
    for (const rule of rules) {
      const keyword = rule.name ? KEYWORDS[rule.name] : undefined;
      const property = schema.properties[rule.propertyName] as SchemaObject | undefined;
      const value: unknown = rule.constraints?.[0];
      if (!keyword || !property || '$ref' in property || rule.each || typeof value !== 'number') {
        continue;
      }
      (property as Record<string, unknown>)[keyword] ??= value;
    }
  }
}
