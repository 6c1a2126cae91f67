/** The sample worker's entry: reads one sample of a stored log (read-sample-task.ts). */
import { serveTask } from '../workers';
import { readSampleTask, type ReadSampleAnswer } from './read-sample-task';

serveTask<ReadSampleAnswer>(readSampleTask);
