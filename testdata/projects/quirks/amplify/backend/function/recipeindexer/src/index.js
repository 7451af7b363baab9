exports.handler = async (event) => {
  const size = Number(process.env.BATCH_SIZE);
  return { indexed: (event.Records || []).slice(0, size).length };
};
