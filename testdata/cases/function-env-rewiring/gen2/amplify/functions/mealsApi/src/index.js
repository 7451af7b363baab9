export const handler = async (event) => ({ table: process.env.API_MEALSAPI_MEALTABLE_NAME, bucket: process.env.STORAGE_PHOTOS_BUCKETNAME });
