exports.handler = async (event) => {
  return null;
};
