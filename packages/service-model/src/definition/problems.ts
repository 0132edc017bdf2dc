import { z } from 'zod';
import { closest } from '../private/did-you-mean';

/** A field's path as a person writes it: `spec.route.pathPattern`, `targets[1].account`. */
export function fieldName(path: ReadonlyArray<PropertyKey>): string {
  return path.reduce<string>((text, part) => (typeof part === 'number' ? `${text}[${part}]` : text ? `${text}.${String(part)}` : String(part)), '') || 'the description';
}

/** A value as it appears in a message: JSON, shortened. */
export function show(value: unknown): string {
  if (value === undefined) {
    return 'nothing';
  }
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

function valueAt(input: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  return path.reduce<unknown>((value, part) => (value !== null && typeof value === 'object' ? (value as any)[part as any] : undefined), input);
}

function describeType(expected: string): string {
  switch (expected) {
    case 'number': return 'a number';
    case 'int': return 'a whole number';
    case 'string': return 'a string';
    case 'object': return 'an object';
    case 'array': return 'a list';
    case 'record': return 'an object of names to values';
    default: return expected;
  }
}

/** The fields an object of the definition holds, for "the fields are ..." and "did you mean". */
function fieldsAt(schema: z.ZodType, path: ReadonlyArray<PropertyKey>): string[] {
  let current: any = schema;
  for (const part of path) {
    current = unwrap(current);
    if (current?.def?.type === 'object') {
      current = current.def.shape[part as string];
    } else if (current?.def?.type === 'record') {
      current = current.def.valueType;
    } else if (current?.def?.type === 'array') {
      current = current.def.element;
    } else {
      return [];
    }
  }
  current = unwrap(current);
  return current?.def?.type === 'object' ? Object.keys(current.def.shape) : [];
}

function unwrap(schema: any): any {
  let current = schema;
  while (current?.def && ['optional', 'nullable', 'default', 'pipe'].includes(current.def.type)) {
    current = current.def.type === 'pipe' ? current.def.in : current.def.innerType;
  }
  return current;
}

/**
 * zod's issues as the project's sentences: which field, what value, what is allowed, and for an
 * unknown field the field it was probably meant to be.
 */
export function structuralProblems(schema: z.ZodType, input: unknown, issues: z.core.$ZodIssue[]): string[] {
  return issues.flatMap((issue): string[] => {
    const field = fieldName(issue.path);
    const value = valueAt(input, issue.path);
    switch (issue.code) {
      case 'invalid_type':
        return value === undefined
          ? [`${field} is required (${describeType(issue.expected)}); got nothing`]
          : [`${field} must be ${describeType(issue.expected)}; got ${show(value)}`];
      case 'unrecognized_keys': {
        const fields = fieldsAt(schema, issue.path);
        return issue.keys.map((key) => {
          const near = closest(key, fields);
          return `${fieldName([...issue.path, key])} is not a field of ${field}${near ? ` (did you mean '${near}'?)` : ''}; `
            + `the fields are ${fields.join(', ')}`;
        });
      }
      case 'invalid_value':
        return value === undefined
          ? [`${field} is required: one of ${issue.values.map((v) => String(v)).join(', ')}; got nothing`]
          : [`${field} must be one of ${issue.values.map((v) => String(v)).join(', ')}; got ${show(value)}`];
      case 'too_small':
        return [issue.origin === 'array'
          ? `${field} must hold at least ${issue.minimum} entries; got ${Array.isArray(value) ? value.length : show(value)}`
          : `${field} must be at least ${issue.minimum}; got ${show(value)}`];
      case 'too_big':
        return [`${field} must be at most ${issue.maximum}; got ${show(value)}`];
      case 'invalid_key':
        return [`${field}: ${show(value)} is not allowed as a name: ${issue.issues.map((i) => i.message).join('; ')}`];
      case 'invalid_format':
      case 'custom':
      default:
        return [`${field} ${issue.message}; got ${show(value)}`];
    }
  });
}
