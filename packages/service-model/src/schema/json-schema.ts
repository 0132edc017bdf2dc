import * as fs from 'fs';
import { ServiceDefinition } from '../definition/service-definition';

/**
 * Write the JSON Schema of service.json (the library's post-compile runs it; the project types
 * write the same schema into each service project, which its service.json names in `$schema`).
 *
 * @param file where to write it
 */
export function writeJsonSchema(file: string): void {
  fs.writeFileSync(file, JSON.stringify(ServiceDefinition.jsonSchema(), undefined, 2) + '\n');
}
