/** The `next` arguments for an environment: `start -p <WEB_PORT | PORT | 3000>`, then `extra`. */
export function nextStartArgs(env: Record<string, string | undefined>, extra?: string[]): string[];
