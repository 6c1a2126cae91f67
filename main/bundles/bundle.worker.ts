/**
 * The bundle worker's entry: verifies and imports result bundles off the main thread
 * (run-bundle-task.ts). One worker per bundle; it exits when its answer is sent.
 */
import { serveTask } from '../workers';
import type { BundleEvent, ImportAnswer, VerifyAnswer } from './bundle-task';
import { runBundleTask } from './run-bundle-task';

serveTask<VerifyAnswer | ImportAnswer, BundleEvent>(runBundleTask);
