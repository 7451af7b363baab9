import { defineBackend } from '@aws-amplify/backend';
import { roadScraper } from './functions/roadScraper/resource';

const backend = defineBackend({ roadScraper });
