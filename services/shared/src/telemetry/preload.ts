/**
 * Loaded with `node --require` ahead of a process's own code, so that the instrumentations wrap
 * http, undici, graphql and mysql2 as they are first loaded. With no OTLP endpoint configured the
 * SDK is not even loaded: tracing off costs nothing.
 */
import { ConfigError } from '../config';
import { tracingSettings } from './settings';

try {
  const settings = tracingSettings(process.env, process.argv[1]);
  if (settings) {
    // Loaded only when tracing is on (a static import would load the whole SDK in every process).
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    (require('./sdk') as typeof import('./sdk')).startTracing(settings);
  }
} catch (error) {
  process.stderr.write(`${error instanceof ConfigError ? error.message : String((error as Error)?.stack ?? error)}\n`);
  process.exit(1);
}
