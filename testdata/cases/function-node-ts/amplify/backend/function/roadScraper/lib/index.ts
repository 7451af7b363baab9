import axios from 'axios';
import type { ScheduledHandler } from 'aws-lambda';
import { RoadFeature, toFeature } from './road-feature';

export const handler: ScheduledHandler = async () => {
  const { data } = await axios.get(process.env.ROADS_URL as string);
  const features: RoadFeature[] = data.features.map(toFeature);
  console.log(`scraped ${features.length} roads`);
};
