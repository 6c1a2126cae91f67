/**
 * zod 4 compiles fast paths with `new Function`, which the renderer's CSP (script-src
 * 'self') forbids, and Chromium logs a violation for every attempt. Imported first by
 * main.tsx, before anything parses.
 */
import { z } from 'zod';

z.config({ jitless: true });
