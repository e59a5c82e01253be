import { availableParallelism } from 'node:os';

// Argon2 runs on libuv's pool, sized once at its first use: one thread per core, no more, so
// concurrent logins queue instead of thrashing. Imported first by the entry point.
process.env.UV_THREADPOOL_SIZE ??= String(Math.max(2, availableParallelism()));
