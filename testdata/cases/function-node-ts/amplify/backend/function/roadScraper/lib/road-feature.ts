export interface RoadFeature {
  id: string;
  name: string;
}

export const toFeature = (raw: { attributes: { OBJECTID: number; NAME: string } }): RoadFeature => ({
  id: String(raw.attributes.OBJECTID),
  name: raw.attributes.NAME,
});
