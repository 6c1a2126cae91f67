/** The horizon worker's entry: bootstraps time horizons (bootstrap-task.ts). */
import { serveTask } from '../workers';
import { bootstrapTask, type BootstrapAnswer } from './bootstrap-task';

serveTask<BootstrapAnswer>(bootstrapTask);
