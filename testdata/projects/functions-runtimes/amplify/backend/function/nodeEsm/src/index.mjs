export const main = async (event) => ({ doubled: (event.n ?? 0) * 2 });
