export const handler = async () => {
  const today = new Date().toISOString().slice(0, 10);
  console.log(`digest for ${today} in ${process.env.ENV}`);
  return { today };
};
