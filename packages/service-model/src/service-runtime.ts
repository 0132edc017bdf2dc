/** The language runtime of a service's container: it selects the base image, health command and test command. */
export enum ServiceRuntime {
  NODEJS = 'nodejs',
  PYTHON = 'python',
}
