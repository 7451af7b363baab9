const { S3Client, HeadObjectCommand } = require('@aws-sdk/client-s3');

const s3 = new S3Client({});

/**
 * Records the size of every uploaded cover; thumbnails are made by the client.
 * @type {import('@types/aws-lambda').S3Handler}
 */
exports.handler = async function (event) {
  for (const record of event.Records) {
    const Bucket = record.s3.bucket.name;
    const Key = decodeURIComponent(record.s3.object.key.replace(/\+/g, ' '));
    if (record.eventName && record.eventName.startsWith('ObjectRemoved')) {
      console.log(`Cover removed: ${Key}`);
      continue;
    }
    const head = await s3.send(new HeadObjectCommand({ Bucket, Key }));
    console.log(`Cover uploaded: ${Key} (${head.ContentLength} bytes, ${head.ContentType})`);
  }
};
