export { createSampleService, type SampleService } from './sample-service';
